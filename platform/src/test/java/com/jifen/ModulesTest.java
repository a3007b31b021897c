package com.jifen;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** The features stay apart: no cycles between them, and no reaching into another feature's internals. */
class ModulesTest {

  @Test
  void featureBoundariesHold() {
    ApplicationModules.of(PointsPlatformApplication.class).verify();
  }
}
