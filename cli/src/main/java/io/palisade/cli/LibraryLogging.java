package io.palisade.cli;

import java.util.Map;

/**
 * Keeps third-party libraries' chatter off the operator's terminal: Hikari's pool start and stop lines on every
 * {@code audit-log} command, Flyway's migrations, Spring Boot's start-up lines and its "APPLICATION FAILED TO START"
 * banner (the CLI says why in one line of its own). Their warnings and errors still show, and a {@code -D} setting
 * wins. Set before any of their loggers exists: slf4j-simple reads a logger's level once, when the logger is made.
 */
public final class LibraryLogging {
  private static final String PREFIX = "org.slf4j.simpleLogger.log.";

  /** Logger name (prefix) to level. */
  private static final Map<String, String> LEVELS = Map.of(
      "com.zaxxer", "warn",
      "org.flywaydb", "warn",
      "org.springframework", "warn",
      "org.apache", "warn",
      "org.thymeleaf", "warn",
      "org.springframework.context.support.PostProcessorRegistrationDelegate$BeanPostProcessorChecker", "error",
      // "Exception encountered during context initialization - cancelling refresh attempt", before the failure the
      // CLI reports itself.
      "org.springframework.boot.web.server.servlet.context", "error",
      // The failure analysis banner: the CLI's one line says the same (and what to do).
      "org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter", "off");

  private LibraryLogging() {}

  /** Sets the libraries' log levels, unless already set. */
  public static void quiet() {
    LEVELS.forEach((name, level) -> {
      if (System.getProperty(PREFIX + name) == null) {
        System.setProperty(PREFIX + name, level);
      }
    });
  }
}
