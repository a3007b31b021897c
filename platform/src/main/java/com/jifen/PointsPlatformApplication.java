package com.jifen;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** 党员积分制管理平台: the multi-tenant points service. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PointsPlatformApplication {
  public static void main(String[] args) {
    SpringApplication.run(PointsPlatformApplication.class, args);
  }
}
