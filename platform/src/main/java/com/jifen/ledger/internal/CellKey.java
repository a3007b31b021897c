package com.jifen.ledger.internal;

import com.jifen.shared.MemberId;

/** One cell of a month sheet: a member's monthly item. */
record CellKey(MemberId member, String item) {}
