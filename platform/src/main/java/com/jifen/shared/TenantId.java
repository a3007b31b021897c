package com.jifen.shared;

import java.util.regex.Pattern;

/** A township's code (乡镇编码), the tenant key of every tenant-owned row. */
public record TenantId(String value) {
  private static final Pattern FORMAT = Pattern.compile("^[A-Z][A-Z0-9_]{1,31}$");

  public TenantId {
    if (value == null || !FORMAT.matcher(value).matches()) {
      throw DomainException.badRequest("INVALID_TENANT", "乡镇编码格式不正确: " + value);
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
