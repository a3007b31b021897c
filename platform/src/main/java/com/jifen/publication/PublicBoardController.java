package com.jifen.publication;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

@Controller
class PublicBoardController {
  private final PublicBoardService board;

  PublicBoardController(PublicBoardService board) {
    this.board = board;
  }

  /** No token: the township's own setting decides (PublicBoardService). */
  @QueryMapping
  Mono<PublicBoardService.Board> publicBoard(@Argument String township, @Argument String branch, @Argument int year,
      @Argument int month) {
    return board.board(township, branch, year, month);
  }
}
