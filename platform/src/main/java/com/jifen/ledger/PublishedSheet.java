package com.jifen.ledger;

import com.jifen.organization.Organization;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A branch's month as published (公示): the rows frozen at publication, and the corrections recorded since.
 *
 * @param rows the snapshot taken when the month was published
 */
public record PublishedSheet(Organization branch, int year, int month, Instant publishedAt, String publishedBy,
    List<Row> rows, List<LedgerEntry> corrections) {

  public record Cell(String item, BigDecimal points) {}

  public record Row(String memberCode, String memberName, List<Cell> items, BigDecimal additions,
      BigDecimal deductions, BigDecimal total) {}
}
