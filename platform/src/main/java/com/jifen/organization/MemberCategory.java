package com.jifen.organization;

import java.util.Arrays;
import java.util.Optional;

/** 党员类别. */
public enum MemberCategory {
  VILLAGE("农村"),
  COMMUNITY("社区"),
  ORGAN("机关"),
  ENTERPRISE("企业"),
  HOSPITAL("医院"),
  SOCIAL_ORGANIZATION("社会组织");

  private final String chinese;

  MemberCategory(String chinese) {
    this.chinese = chinese;
  }

  public String chinese() {
    return chinese;
  }

  /** Village and community members are further typed (有职/无职/流动). */
  public boolean typed() {
    return this == VILLAGE || this == COMMUNITY;
  }

  public static Optional<MemberCategory> parse(String text) {
    return Arrays.stream(values()).filter(c -> c.chinese.equals(text) || c.name().equalsIgnoreCase(text)).findFirst();
  }
}
