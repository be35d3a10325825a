package io.hopscope;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point: the Hopscope web application. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class HopscopeApplication {

  public static void main(String[] args) {
    SpringApplication.run(HopscopeApplication.class, args);
  }
}
