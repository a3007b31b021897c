package com.jifen.ledger.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.ledger.PublishedSheet;
import com.jifen.organization.MemberService;
import com.jifen.organization.OrganizationService;
import com.jifen.shared.BranchId;
import com.jifen.shared.DomainException;
import com.jifen.shared.MemberId;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantScope;
import com.jifen.tenancy.TenantTx;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The township publishes a confirmed month (公示): the rows are frozen as a snapshot; corrections recorded later are
 * shown beside it. Anyone in the branch, its secretary and the township's admins read it.
 */
@Service
public class PublishMonth {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final TenantScope scope;
  private final MemberService members;
  private final OrganizationService organizations;
  private final MonthSheets sheets;
  private final Clock clock;

  PublishMonth(TenantScope scope, MemberService members, OrganizationService organizations, MonthSheets sheets, Clock clock) {
    this.scope = scope;
    this.members = members;
    this.organizations = organizations;
    this.sheets = sheets;
    this.clock = clock;
  }

  public record PublishMonthInput(String branchId, int year, int month) {}

  public Mono<PublishedSheet> publish(CurrentUser user, PublishMonthInput in) {
    user.requireTownshipManager();
    TenantId tenant = user.requireTenant();
    BranchId branchId = BranchId.parse(in.branchId());
    YearMonth period = sheets.period(in.year(), in.month());
    return scope.inTx(tenant, tx -> LedgerQueries.lockSheet(tx, branchId, period).flatMap(state -> {
      Instant at = clock.instant();
      if (state == SheetState.OPEN) {
        return Mono.error(DomainException.badRequest("MONTH_NOT_CONFIRMED", period + " 的积分尚未确认，不能公示"));
      }
      if (state == SheetState.PUBLISHED) {
        return Mono.error(DomainException.badRequest("MONTH_PUBLISHED", period + " 的积分已公示"));
      }
      return Mono.zip(sheets.load(tx, branchId, period), LedgerQueries.monthTotals(tx, branchId, period))
          .flatMap(t -> LedgerQueries.insertPublished(tx, branchId, period, user.username(), at,
                  JSON.writeValueAsString(rows(t.getT1(), t.getT2())))
              .then(LedgerQueries.markPublished(tx, branchId, period, user.username(), at))
              .then(published(tx, branchId, in.year(), in.month())));
    }));
  }

  /** The rows as published: the confirmed items, additions, deductions and the month's total of each member. */
  private static List<PublishedSheet.Row> rows(MonthSheet sheet, Map<MemberId, LedgerQueries.MemberMonthTotals> totals) {
    List<PublishedSheet.Row> rows = new ArrayList<>();
    for (MonthSheet.Row r : sheet.rows()) {
      var t = totals.getOrDefault(r.memberId(), LedgerQueries.MemberMonthTotals.NONE);
      rows.add(new PublishedSheet.Row(r.member().code(), r.member().name(),
          r.cells().stream().map(c -> new PublishedSheet.Cell(c.item(), c.confirmed())).toList(), t.additions(),
          t.deductions(), t.items().add(t.additions()).subtract(t.deductions())));
    }
    return rows;
  }

  public Mono<PublishedSheet> published(CurrentUser user, String branchId, int year, int month) {
    TenantId tenant = user.requireTenant();
    BranchId branch = BranchId.parse(branchId);
    return scope.inTx(tenant, tx -> members.manages(tx, user, branch.organization())
        .flatMap(manages -> manages || user.memberCode().isEmpty() ? Mono.just(manages)
            : LedgerQueries.isMemberOfBranch(tx, user.memberCode().get(), branch))
        .flatMap(allowed -> allowed ? published(tx, branch, year, month)
            : Mono.error(DomainException.forbidden("只有本支部党员可以查看本支部的公示"))));
  }

  /** The published sheet inside the caller's tenant transaction, without a reader check. */
  public Mono<PublishedSheet> published(TenantTx tx, BranchId branch, int year, int month) {
    if (month < 1 || month > 12) {
      return Mono.empty(); // no such month was ever published
    }
    YearMonth period = YearMonth.of(year, month);
    return LedgerQueries.published(tx, branch, period)
        .flatMap(snapshot -> Mono.zip(organizations.find(tx, branch.organization()),
                LedgerQueries.entriesRecordedAfter(tx, branch, period, snapshot.publishedAt()))
            .map(t -> new PublishedSheet(t.getT1(), year, month, snapshot.publishedAt(), snapshot.publishedBy(),
                List.of(JSON.readValue(snapshot.rowsJson(), PublishedSheet.Row[].class)), t.getT2())));
  }
}
