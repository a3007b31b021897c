package com.jifen.ledger.internal;

import com.jifen.ledger.LedgerEntry;
import com.jifen.scheme.engine.Scheme;
import com.jifen.shared.DomainException;
import java.math.BigDecimal;
import java.time.LocalDate;

/** What a single addition, deduction or correction must satisfy before the ledger is read. Pure: no I/O. */
public final class EntryRules {
  private EntryRules() {}

  static final int MAX_REASON_CHARS = 500;

  public static void requireOccurredOn(LocalDate occurredOn, LocalDate today) {
    if (occurredOn == null || occurredOn.isAfter(today)) {
      throw DomainException.badRequest("INVALID_DATE", "发生日期不能为空，也不能晚于今天");
    }
  }

  public static void requireReason(String reason) {
    if (reason == null || reason.isBlank()) {
      throw DomainException.badRequest("REASON_REQUIRED", "须填写原因（为什么加分、扣分或更正）");
    }
    if (reason.length() > MAX_REASON_CHARS) {
      throw DomainException.badRequest("REASON_TOO_LONG", "原因不能超过 500 字");
    }
  }

  public static void requireInRange(Scheme.EntryKind kind, BigDecimal points) {
    if (points == null || points.compareTo(kind.min()) < 0 || points.compareTo(kind.max()) > 0) {
      throw DomainException.badRequest("OUT_OF_RANGE", "“%s”每次分值须在 %s–%s 之间，填写的是 %s".formatted(kind.name(),
          kind.min().toPlainString(), kind.max().toPlainString(), points == null ? "空" : points.toPlainString()));
    }
    if (points.stripTrailingZeros().scale() > 2) {
      throw DomainException.badRequest("TOO_MANY_DECIMALS", "分值最多两位小数");
    }
  }

  /** A corrected value stays in the range of what it corrects: the item's monthly range, or the kind's per entry. */
  static void requireRangeFor(Scheme scheme, LedgerEntry original, BigDecimal points) {
    if (original.kind() == LedgerEntry.Kind.ITEM_SCORE) {
      Scheme.Item item = scheme.items().get(scheme.itemIndex(original.code()));
      if (points.compareTo(item.min()) < 0 || points.compareTo(item.max()) > 0) {
        throw DomainException.badRequest("OUT_OF_RANGE", "“%s”每月得分须在 %s–%s 之间".formatted(item.name(),
            item.min().toPlainString(), item.max().toPlainString()));
      }
    } else {
      requireInRange(scheme.entryKind(original.code()).orElseThrow(), points);
    }
  }

  /** Points as they enter an idempotency key: 1.50 and 1.5 are the same request. */
  static String plain(BigDecimal value) {
    return value == null ? "" : value.stripTrailingZeros().toPlainString();
  }
}
