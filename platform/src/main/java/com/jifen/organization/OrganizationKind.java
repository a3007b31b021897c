package com.jifen.organization;

/** 党委 / 党总支 / 党支部. */
public enum OrganizationKind {
  COMMITTEE("党委"),
  GENERAL_BRANCH("党总支"),
  BRANCH("党支部");

  private final String chinese;

  OrganizationKind(String chinese) {
    this.chinese = chinese;
  }

  public String chinese() {
    return chinese;
  }

  /** A committee is a root; a general branch sits under a committee; a branch under either. */
  public boolean mayHaveParent(OrganizationKind parent) {
    return switch (this) {
      case COMMITTEE -> parent == null;
      case GENERAL_BRANCH -> parent == COMMITTEE;
      case BRANCH -> parent == COMMITTEE || parent == GENERAL_BRANCH;
    };
  }
}
