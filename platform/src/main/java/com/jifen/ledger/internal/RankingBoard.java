package com.jifen.ledger.internal;

import com.jifen.organization.Organization;
import com.jifen.shared.BranchId;
import com.jifen.shared.RedisKeys;
import com.jifen.shared.TenantId;
import java.util.ArrayList;
import java.util.List;

/** One ranking: which months, which members, and the Redis sorted set that holds it. */
public record RankingBoard(TenantId tenant, Rankings.Period period, int year, int index, Rankings.Scope scope, Organization root) {

  int fromMonth() {
    return switch (period) {
      case MONTH -> index;
      case QUARTER -> (index - 1) * 3 + 1;
      case YEAR -> 1;
    };
  }

  int toMonth() {
    return switch (period) {
      case MONTH -> index;
      case QUARTER -> index * 3;
      case YEAR -> 12;
    };
  }

  /** The period part of the board's key (M06, Q2, YP). */
  String periodKey() {
    return period(period, index);
  }

  /** The scope part of the board's key (branch:…, org:…, town). */
  String scopeKey() {
    return switch (scope) {
      case BRANCH -> branch(root.branchId());
      case SUBTREE -> subtree(root.id().toString());
      case TOWNSHIP -> TOWN;
    };
  }

  private static final String TOWN = "town";

  private static String branch(BranchId id) {
    return "branch:" + id;
  }

  private static String subtree(String orgId) {
    return "org:" + orgId;
  }

  private static String period(Rankings.Period period, int index) {
    return switch (period) {
      case MONTH -> "M%02d".formatted(index);
      case QUARTER -> "Q" + index;
      case YEAR -> "YP";
    };
  }

  /** Every set a write to (branch, month) can change: 3 periods × (branch, each ancestor subtree, township). */
  public static List<String> keysChangedBy(TenantId tenant, BranchId branchId, String branchPath, int year, int month) {
    List<String> keys = new ArrayList<>();
    String[] periods = {period(Rankings.Period.MONTH, month), period(Rankings.Period.QUARTER, (month - 1) / 3 + 1),
        period(Rankings.Period.YEAR, 1)};
    for (String p : periods) {
      keys.add(RedisKeys.ranking(tenant, year, p, branch(branchId)));
      keys.add(RedisKeys.ranking(tenant, year, p, TOWN));
      for (String id : branchPath.split("/")) {
        if (!id.isEmpty()) {
          keys.add(RedisKeys.ranking(tenant, year, p, subtree(id)));
        }
      }
    }
    return keys;
  }
}
