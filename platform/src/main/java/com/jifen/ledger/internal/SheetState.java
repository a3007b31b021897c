package com.jifen.ledger.internal;

/** Where a branch's month is: drafts open, confirmed into the ledger, or published (公示). */
public enum SheetState { OPEN, CONFIRMED, PUBLISHED }
