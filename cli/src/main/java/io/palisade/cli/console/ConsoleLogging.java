package io.palisade.cli.console;

/** Keeps the console libraries' start-up chatter off the terminal (warnings still show); a -D setting wins. */
public final class ConsoleLogging {
  private ConsoleLogging() {}

  /** Sets the libraries' log levels, unless already set. */
  public static void quiet() {
    for (String name : new String[] {"com.zaxxer", "org.flywaydb", "org.springframework", "org.apache",
        "org.thymeleaf",
        "org.springframework.context.support.PostProcessorRegistrationDelegate$BeanPostProcessorChecker"}) {
      String key = "org.slf4j.simpleLogger.log." + name;
      if (System.getProperty(key) == null) {
        System.setProperty(key, name.endsWith("Checker") ? "error" : "warn");
      }
    }
  }
}
