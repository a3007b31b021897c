package com.jifen.ballot;

import com.jifen.scheme.engine.SeedSchemes;
import com.jifen.testing.TestTownship;
import java.util.ArrayList;
import java.util.List;

/** A fresh township's village branch with its members, S2 (graded votes, 10 raters at least) pinned for the year. */
record VillageBranch(String id, List<String> members) {
  static VillageBranch in(TestTownship t, int members, int year) {
    String committee = t.createOrganization(null, t.tenant().value(), "测试镇党委", "COMMITTEE", null);
    String branch = t.createOrganization(committee, t.tenant().value() + "-01", "东村党支部", "BRANCH", "VILLAGE");
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= members; i++) {
      ids.add(t.createMember(branch, "V" + i, "村党员" + i, "VILLAGE"));
    }
    t.publishAndPin(SeedSchemes.text(SeedSchemes.S2), year, "VILLAGE");
    return new VillageBranch(branch, ids);
  }
}
