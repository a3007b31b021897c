package com.jifen.publication.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jifen.shared.DomainException;
import com.jifen.shared.MemberId;
import com.jifen.shared.RemovalCaseId;
import com.jifen.shared.TenantId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** 组织处理 without a database: which notice a grade calls for and until when; the order of a removal case's steps. */
class FollowUpRulesTest {

  @ParameterizedTest(name = "grade {0}: {1} notice, issued {2}, due {3}")
  @CsvSource(nullValues = "-", value = {
      "BASIC,       WARNING,       2026-01-31, 2026-07-31",
      "BASIC,       WARNING,       2026-08-31, 2027-02-28",
      "UNQUALIFIED, RECTIFICATION, 2026-02-10, 2027-02-10",
      "UNQUALIFIED, RECTIFICATION, 2028-02-29, 2029-02-28",
      "QUALIFIED,   -,             2026-02-10, -",
      "EXCELLENT,   -,             2026-02-10, -"})
  void aGradeCallsForItsNoticeWithItsDeadline(String grade, Notice.Kind kind, LocalDate issuedOn, LocalDate deadline) {
    assertThat(Notice.Kind.forGrade(grade)).isEqualTo(Optional.ofNullable(kind));
    if (kind != null) {
      assertThat(kind.deadline(issuedOn)).isEqualTo(deadline);
    }
  }

  private static RemovalCase withSteps(int recorded) {
    List<RemovalCase.Step> steps = new ArrayList<>();
    IntStream.rangeClosed(1, recorded).forEach(s -> steps.add(new RemovalCase.Step(s, RemovalCase.STEPS.get(s - 1), "记录",
        s == 6 ? "上级" : null, "clerk", Instant.EPOCH)));
    return new RemovalCase(new TenantId("QS"), new RemovalCaseId(UUID.randomUUID()), new MemberId(UUID.randomUUID()),
        RemovalCase.Ground.PERSUADED_TO_LEAVE, steps);
  }

  @ParameterizedTest(name = "{0} steps recorded, the township records step {1}: {2}")
  @CsvSource(nullValues = "-", value = {
      "0, 1, -",
      "4, 5, -",
      "6, 7, -",
      "0, 2, STEP_OUT_OF_ORDER",
      "3, 3, STEP_OUT_OF_ORDER",
      "5, 6, SUPERIOR_APPROVAL_BY_COUNTY",
      "5, 7, STEP_OUT_OF_ORDER",
      "7, 8, CASE_COMPLETE",
      "7, 7, CASE_COMPLETE"})
  void theTownshipRecordsTheNextStepOnlyAndNeverTheSuperiorsApproval(int recorded, int step, String refusal) {
    RemovalCase c = withSteps(recorded);
    if (refusal == null) {
      assertThatCode(() -> c.requireNextByTownship(step)).doesNotThrowAnyException();
    } else {
      assertThatThrownBy(() -> c.requireNextByTownship(step))
          .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(refusal));
    }
  }

  @ParameterizedTest(name = "{0} steps recorded: the superior may approve: {1}")
  @CsvSource({"5, true", "0, false", "4, false", "6, false", "7, false"})
  void theSuperiorApprovesOnlyAfterTheFirstFiveSteps(int recorded, boolean allowed) {
    RemovalCase c = withSteps(recorded);
    if (allowed) {
      assertThatCode(c::requireAwaitingApproval).doesNotThrowAnyException();
    } else {
      assertThatThrownBy(c::requireAwaitingApproval)
          .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("STEP_OUT_OF_ORDER"));
    }
  }

  @ParameterizedTest(name = "today {0}, window ends {1}, confirmed {2}: {3}")
  @CsvSource({
      "2026-01-20, 2026-01-20, false, OPEN",
      "2026-01-12, 2026-01-20, false, OPEN",
      "2026-01-21, 2026-01-20, false, CLOSED",
      "2026-01-21, 2026-01-20, true,  FINAL",
      "2026-01-15, 2026-01-20, true,  FINAL"})
  void aPublicationIsOpenThroughItsLastDayAndFinalOnceConfirmed(LocalDate today, LocalDate endsOn, boolean confirmed,
      Publication.State state) {
    assertThat(Publication.State.on(today, endsOn, confirmed)).isEqualTo(state);
  }
}
