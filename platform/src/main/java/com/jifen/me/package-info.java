/**
 * The caller's own view ({@code me}): account, township, member record and branch in one query, so that the web
 * console and integrating apps learn who is signed in without assembling it from several features.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"identity", "tenancy", "organization"})
package com.jifen.me;
