package com.jifen.publication.internal;

import com.jifen.shared.BranchId;
import java.time.LocalDate;
import java.util.List;

/** 张榜公示 of a branch's year: its window, the settlement run on the board, and the objections to it. */
public record Publication(BranchId branchId, int year, LocalDate startsOn, LocalDate endsOn, State state, int settlementRun,
    List<Objection> objections) {

  /** OPEN: within the window; CLOSED: the window is over; FINAL: the results were confirmed. */
  public enum State {
    OPEN, CLOSED, FINAL;

    /** The window is open through its last day; final once the results were confirmed, whatever the date. */
    static State on(LocalDate today, LocalDate endsOn, boolean confirmed) {
      return confirmed ? FINAL : today.isAfter(endsOn) ? CLOSED : OPEN;
    }
  }
}
