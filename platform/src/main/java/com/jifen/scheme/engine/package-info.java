/** The scoring engine: plain Java, no Spring, no I/O. Other features score through it. */
@org.springframework.modulith.NamedInterface("engine")
package com.jifen.scheme.engine;
