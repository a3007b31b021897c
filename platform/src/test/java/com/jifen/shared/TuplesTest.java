package com.jifen.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TuplesTest {

  @Test
  void splitsTuplesAndFields() {
    assertThat(Tuples.parse("3 ITEM_SCORE STUDY 7.50;3 ITEM_SCORE STUDY -7.50;12 ADDITION AWARD-1 2"))
        .isDeepEqualTo(new String[][] {
            {"3", "ITEM_SCORE", "STUDY", "7.50"},
            {"3", "ITEM_SCORE", "STUDY", "-7.50"},
            {"12", "ADDITION", "AWARD-1", "2"}});
  }

  @Test
  void anEmptyFieldStaysInPlace() {
    // a null rater group is written as '' between two separators
    assertThat(Tuples.parse("SCORE  85;SCORE MASS 90")).isDeepEqualTo(new String[][] {
        {"SCORE", "", "85"}, {"SCORE", "MASS", "90"}});
  }

  @Test
  void nothingAggregatedIsNoTuples() {
    assertThat(Tuples.parse(null)).isEmpty();
    assertThat(Tuples.parse("")).isEmpty();
  }
}
