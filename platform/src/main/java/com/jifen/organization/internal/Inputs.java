package com.jifen.organization.internal;

import com.jifen.organization.MemberRules;
import com.jifen.shared.DomainException;
import com.jifen.shared.ErrorKind;
import java.util.List;
import java.util.Map;

/** What every form of this module does with its input before anything is read: trim, refuse with the field named. */
final class Inputs {
  private Inputs() {}

  /** The rule problems as one BAD_REQUEST: the first code, every message, and each field for the form to mark. */
  static void rejectProblems(List<MemberRules.Problem> problems) {
    if (!problems.isEmpty()) {
      throw new DomainException(ErrorKind.BAD_REQUEST, problems.getFirst().code(),
          String.join("；", problems.stream().map(MemberRules.Problem::message).toList()),
          Map.of("fields", problems.stream().map(p -> Map.of("field", p.field(), "code", p.code(), "message", p.message())).toList()));
    }
  }

  static void requireReason(String reason, String message) {
    if (reason == null || reason.isBlank()) {
      throw DomainException.badRequest("REASON_REQUIRED", message);
    }
  }

  static void checkOrganizationCodeAndName(String code, String name) {
    if (code == null || !MemberRules.validCode(code.trim())) {
      throw DomainException.badRequest("INVALID_CODE", "组织编码只能包含字母、数字、-、_，不超过 32 位: " + code);
    }
    if (name == null || name.isBlank() || name.length() > 100) {
      throw DomainException.badRequest("INVALID_NAME", "组织名称不能为空，且不超过 100 个字");
    }
  }

  static String trim(String s) {
    return s == null ? null : s.trim();
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
