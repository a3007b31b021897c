package com.jifen.tenancy;

/** 乡镇: the tenant as the API shows it. */
public record Township(String id, String name, String county, String rankingVisibility) {}
