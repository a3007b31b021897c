package com.jifen.organization;

import java.util.Arrays;
import java.util.Optional;

/** 有职 / 无职 / 流动. */
public enum VillageType {
  WITH_POST("有职"),
  WITHOUT_POST("无职"),
  MOBILE("流动");

  private final String chinese;

  VillageType(String chinese) {
    this.chinese = chinese;
  }

  public String chinese() {
    return chinese;
  }

  public static Optional<VillageType> parse(String text) {
    return Arrays.stream(values())
        .filter(t -> t.chinese.equals(text) || (t.chinese + "党员").equals(text) || t.name().equalsIgnoreCase(text))
        .findFirst();
  }
}
