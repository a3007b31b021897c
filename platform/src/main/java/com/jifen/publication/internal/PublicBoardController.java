package com.jifen.publication.internal;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

@Controller
class PublicBoardController {
  private final ReadPublicBoard board;

  PublicBoardController(ReadPublicBoard board) {
    this.board = board;
  }

  /** No token: the township's own setting decides (ReadPublicBoard). */
  @QueryMapping
  Mono<ReadPublicBoard.PublicBoard> publicBoard(@Argument String township, @Argument String branch, @Argument int year,
      @Argument int month) {
    return board.board(township, branch, year, month);
  }
}
