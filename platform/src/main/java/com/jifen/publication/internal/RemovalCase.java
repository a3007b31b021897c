package com.jifen.publication.internal;

import com.jifen.shared.DomainException;
import com.jifen.shared.MemberId;
import com.jifen.shared.RemovalCaseId;
import com.jifen.shared.TenantId;
import java.time.Instant;
import java.util.List;

/** 除名程序: a removal case and the steps recorded so far, in order. */
public record RemovalCase(TenantId tenantId, RemovalCaseId id, MemberId memberId, Ground ground, List<Step> steps) {
  /** The seven steps of the removal procedure, in order; step 6 needs the superior organization's approval. */
  public static final List<String> STEPS = List.of(
      "调查核实情况", "与本人谈话、听取本人意见", "支委会研究提出处理意见", "支部党员大会讨论表决",
      "形成书面决定并告知本人", "报上级党组织审批", "宣布决定并办理组织关系手续");
  static final int SUPERIOR_APPROVAL = 6;

  public enum Ground {
    UNQUALIFIED_UNREPENTANT("不合格且拒不改正"), SELF_SEPARATION("自行脱党"), PERSUADED_TO_LEAVE("劝退");

    final String chinese;

    Ground(String chinese) {
      this.chinese = chinese;
    }
  }

  public record Step(int step, String name, String note, String approvedBySuperior, String actor, Instant recordedAt) {}

  public String nextStep() {
    return steps.size() >= STEPS.size() ? null : STEPS.get(steps.size());
  }

  public boolean complete() {
    return steps.size() == STEPS.size();
  }

  /** The township records steps in order, each once, all but the superior's approval (step 6). */
  void requireNextByTownship(int step) {
    if (complete()) {
      throw DomainException.badRequest("CASE_COMPLETE", "除名程序已全部完成");
    }
    if (step != steps.size() + 1) {
      throw DomainException.badRequest("STEP_OUT_OF_ORDER",
          "须按顺序办理：下一步是第 %d 步“%s”".formatted(steps.size() + 1, nextStep()));
    }
    if (step == SUPERIOR_APPROVAL) {
      // the superior's approval is the superior's own act, not a line the township types (issue 14)
      throw DomainException.badRequest("SUPERIOR_APPROVAL_BY_COUNTY",
          "第 6 步“报上级党组织审批”由县委组织部账号通过 approveRemoval 办理，乡镇不能代填");
    }
  }

  /** The superior approves once the branch has recorded the five steps before it. */
  void requireAwaitingApproval() {
    if (steps.size() != SUPERIOR_APPROVAL - 1) {
      throw DomainException.badRequest("STEP_OUT_OF_ORDER", complete() ? "除名程序已全部完成"
          : "支部尚未完成前 5 步，下一步是第 %d 步“%s”".formatted(steps.size() + 1, nextStep()));
    }
  }
}
