package com.jifen.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.jifen.ledger.AttentionMember;
import com.jifen.organization.Member;
import com.jifen.shared.MemberId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * 自行脱党 attention from recorded presence: the months are written oldest first, ending with the month asked about
 * ({@code P} present, {@code A} absent, {@code -} nothing recorded); the window is three months.
 */
class AttentionListTest {
  private static final Member M = Cells.member("001", false, false);
  private static final int END = 2026 * 12 + 5; // June 2026

  /** Presence of ORG_LIFE for M, one character per month. */
  private static Map<MemberId, Map<String, Map<Integer, Boolean>>> presence(String months) {
    Map<Integer, Boolean> byMonth = new HashMap<>();
    for (int i = 0; i < months.length(); i++) {
      char c = months.charAt(months.length() - 1 - i);
      if (c != '-') {
        byMonth.put(END - i, c == 'P');
      }
    }
    return Map.of(M.id(), Map.of("ORG_LIFE", byMonth));
  }

  @ParameterizedTest(name = "ledger {0}, bulk {1} → {2} months, last present {3}")
  @CsvSource(nullValues = "null", value = {
      "PAAA, '', 3, 2026-03",
      "AAAA, '', 4, null",
      "PAA, '', 0, null",
      "PPAP, '', 0, null",
      "A-AAA, '', 3, null",
      "PAAA, '---P', 0, null",
      "PPPP, '-AAA', 3, 2026-03",
  })
  void aMemberIsListedAfterAWindowOfRecordedAbsences(String ledger, String bulk, int months, String lastPresent) {
    var listed = AttentionList.onTheList(List.of(M), List.of("ORG_LIFE"), 3, END - 120, END, presence(bulk), presence(ledger));
    if (months == 0) {
      assertThat(listed).isEmpty();
    } else {
      assertThat(listed).containsExactly(new AttentionMember(M, months, lastPresent));
    }
  }
}
