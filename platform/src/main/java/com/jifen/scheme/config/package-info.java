/** Reading configuration files of tenant-config: schemes and their located errors. */
@org.springframework.modulith.NamedInterface("config")
package com.jifen.scheme.config;
