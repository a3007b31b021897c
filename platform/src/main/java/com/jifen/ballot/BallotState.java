package com.jifen.ballot;

/** A ballot takes votes while OPEN; closing it ends voting for good, and only then may results be shown. */
public enum BallotState { OPEN, CLOSED }
