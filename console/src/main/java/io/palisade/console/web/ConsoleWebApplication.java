package io.palisade.console.web;

import io.palisade.console.ConsoleServices;
import io.palisade.console.account.LoginThrottle;
import io.palisade.console.account.OperatorStore;
import io.palisade.console.audit.AuditLog;
import java.time.Clock;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;

/**
 * The Spring Boot application of the console: auto-configuration for the web stack, this package's components, and
 * the domain services exposed as beans.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration(exclude = UserDetailsServiceAutoConfiguration.class)
@ComponentScan(basePackageClasses = ConsoleWebApplication.class)
public class ConsoleWebApplication {
  /** @param s the services @return the operators */
  @Bean
  OperatorStore operators(ConsoleServices s) {
    return s.operators();
  }

  /** @param s the services @return the audit log */
  @Bean
  AuditLog auditLog(ConsoleServices s) {
    return s.audit();
  }

  /** @param s the services @return the throttle */
  @Bean
  LoginThrottle loginThrottle(ConsoleServices s) {
    return s.throttle();
  }

  /** @param s the services @return the console's clock */
  @Bean
  Clock consoleClock(ConsoleServices s) {
    return s.clock();
  }
}
