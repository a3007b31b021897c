package com.jifen.settlement;

import com.jifen.identity.CurrentUser;
import com.jifen.organization.Organization;
import com.jifen.settlement.internal.SettleTownship;
import com.jifen.settlement.internal.SettlementRuns;
import com.jifen.settlement.internal.SettlementSheets;
import com.jifen.settlement.internal.StarAwards;
import com.jifen.shared.BranchId;
import com.jifen.shared.MemberId;
import com.jifen.shared.SettlementId;
import com.jifen.shared.TenantId;
import com.jifen.shared.Xlsx;
import com.jifen.tenancy.TenantTx;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * 年终总评 as other features see it: a branch's current run (publication, follow-up, the public board), the township
 * settled and its stars confirmed (the demo year), the printed forms. The work is done by the use cases in
 * {@code internal/}; the records here are the results as stored in a run ({@code settlement.results}) and shown.
 */
@Service
public class SettlementService {
  private final SettlementRuns runs;
  private final SettleTownship township;
  private final StarAwards stars;
  private final SettlementSheets sheets;

  SettlementService(SettlementRuns runs, SettleTownship township, StarAwards stars, SettlementSheets sheets) {
    this.runs = runs;
    this.township = township;
    this.stars = stars;
    this.sheets = sheets;
  }

  public record CodeValue(String code, BigDecimal value) {}

  public record MemberResult(MemberId memberId, List<BigDecimal> itemScores, List<CodeValue> components, BigDecimal yearEndTotal,
      BigDecimal adjustment, BigDecimal annualTotal, Integer stars, String grade, boolean vetoed, List<String> vetoReasons,
      int rank, int honourCount, boolean commendable, String exactTotal) {}

  public record StarQuota(int basis, int quota, List<MemberId> candidates, List<MemberId> confirmed) {}

  /**
   * The engine's results as stored in a run's {@code results} column (read by SQL in statistics and the database's own
   * county triggers, so its JSON shape does not change).
   *
   * @param missingMonths months of the year without any item score, counted as zero and acknowledged by whoever settled
   *     (null in runs stored before months were checked)
   */
  public record Computed(List<MemberResult> members, StarQuota annualStars, List<Integer> missingMonths) {}

  public record ExemptResult(MemberId memberId, String grade, String reason) {}

  public record Settlement(TenantId tenantId, SettlementId id, BranchId branchId, int year, int run, String schemeCode, int schemeVersion,
      String computedBy, Instant computedAt, List<MemberResult> members, StarQuota annualStars, List<ExemptResult> exempt,
      List<Integer> missingMonths) {}

  public record QuarterScore(MemberId memberId, BigDecimal score, int rank) {}

  public record QuarterSummary(int quarter, List<QuarterScore> scores, StarQuota stars) {}

  public record BranchProblem(Organization branch, String code, String message) {}

  public record TownshipSettlement(List<Settlement> settled, List<BranchProblem> notSettled) {}

  public record ConfirmStarsInput(String branchId, int year, String period, List<String> memberIds) {}

  /** The current run of a branch's year, in the caller's transaction. */
  public Mono<Settlement> current(TenantTx tx, BranchId branch, int year) {
    return runs.current(tx, branch, year);
  }

  public Mono<TownshipSettlement> settleTownship(CurrentUser user, int year) {
    return township.settle(user, year, null, null);
  }

  public Mono<QuarterSummary> quarter(CurrentUser user, String branchId, int year, int quarter) {
    return stars.quarter(user, BranchId.parse(branchId), year, quarter);
  }

  public Mono<List<MemberId>> confirmStars(CurrentUser user, ConfirmStarsInput in) {
    return stars.confirm(user, in);
  }

  /** 党员年度综合得分登记表 of a branch's current run. */
  public Mono<Xlsx.File> summaryXlsx(CurrentUser user, String branchId, int year) {
    return sheets.summary(user, BranchId.parse(branchId), year);
  }

  /** 公示栏 of a branch's current run. */
  public Mono<Xlsx.File> boardXlsx(CurrentUser user, String branchId, int year) {
    return sheets.board(user, BranchId.parse(branchId), year);
  }

  /** A grade as printed and posted. */
  public static String gradeName(String grade) {
    return switch (grade) {
      case "EXCELLENT" -> "优秀";
      case "QUALIFIED" -> "合格";
      case "BASIC" -> "基本合格";
      case "UNQUALIFIED" -> "不合格";
      default -> grade;
    };
  }
}
