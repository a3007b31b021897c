package com.jifen.organization;

import java.util.Optional;

public enum Gender {
  MALE,
  FEMALE;

  public static Optional<Gender> parse(String text) {
    return switch (text) {
      case "男", "MALE", "male" -> Optional.of(MALE);
      case "女", "FEMALE", "female" -> Optional.of(FEMALE);
      default -> Optional.empty();
    };
  }

  public String chinese() {
    return this == MALE ? "男" : "女";
  }
}
