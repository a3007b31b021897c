package com.jifen.settlement.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.jifen.settlement.SettlementService.Computed;
import com.jifen.settlement.SettlementService.MemberResult;
import com.jifen.settlement.SettlementService.StarQuota;
import com.jifen.shared.MemberId;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * A run's results column is read by SQL (statistics, the county triggers' {@code r->>'memberId'}), so a typed member id
 * is stored as the UUID text it always was, and read back as the same record.
 */
class StoredResultsTest {
  private static final MemberId MEMBER = new MemberId(UUID.fromString("0190a7c2-5a1e-7000-8000-000000000001"));

  @Test
  void memberIdsAreStoredAsTheirUuidText() {
    var computed = new Computed(List.of(new MemberResult(MEMBER, List.of(new BigDecimal("7.5")), List.of(), BigDecimal.TEN,
            BigDecimal.ZERO, BigDecimal.TEN, 2, "EXCELLENT", false, List.of(), 1, 0, true, "10/1")),
        new StarQuota(1, 1, List.of(MEMBER), List.of()), List.of(12));

    String json = SettlementRuns.json(computed);

    assertThat(json).contains("\"memberId\":\"" + MEMBER.value() + "\"")
        .contains("\"candidates\":[\"" + MEMBER.value() + "\"]");
    assertThat(JsonMapper.builder().build().readValue(json, Computed.class)).isEqualTo(computed);
  }
}
