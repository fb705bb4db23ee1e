package io.palisade.console.web;

import io.palisade.console.ConsoleException;
import io.palisade.console.ConsoleServices;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the console's web server: Spring Boot (Tomcat, Spring MVC, Spring Security, Thymeleaf, WebSocket) with the
 * domain services registered as beans. The server's settings are put first among the property sources, so no
 * {@code application.properties} in the working directory and no {@code SERVER_*} environment variable can change
 * them.
 */
public final class ConsoleWebServer {
  // Tomcat and Spring log through java.util.logging at INFO; the console keeps the terminal for what matters.
  // Held here so the levels are not lost when the loggers are garbage-collected.
  private static final java.util.List<java.util.logging.Logger> QUIET = java.util.stream.Stream
      .of("org.apache", "org.springframework")
      .map(java.util.logging.Logger::getLogger)
      .peek(l -> l.setLevel(java.util.logging.Level.WARNING))
      .toList();

  private ConsoleWebServer() {}

  /**
   * @param services the domain services
   * @param port the port to listen on
   * @return the running server; close it to stop
   * @throws ConsoleException when it cannot start (the port is taken, ...)
   */
  public static AutoCloseable start(ConsoleServices services, int port) {
    Map<String, Object> props = new HashMap<>();
    props.put("server.address", services.settings().bindAddress());
    props.put("server.port", port);
    props.put("server.shutdown", "immediate");
    props.put("server.servlet.session.timeout", services.settings().sessionIdleTimeout().toSeconds() + "s");
    props.put("server.servlet.session.cookie.name", "PALISADE_SESSION");
    props.put("server.servlet.session.cookie.secure", true);
    props.put("server.servlet.session.cookie.http-only", true);
    props.put("server.servlet.session.cookie.same-site", "strict");
    props.put("server.servlet.session.tracking-modes", "cookie");
    props.put("server.servlet.session.persistent", false);
    props.put("server.error.include-stacktrace", "never");
    props.put("server.error.include-message", "never");
    props.put("server.error.whitelabel.enabled", false);
    props.put("server.max-http-request-header-size", "16KB");
    props.put("server.tomcat.max-http-form-post-size", "64KB");
    props.put("server.tomcat.max-swallow-size", "64KB");
    props.put("server.tomcat.threads.max", 32);
    props.put("server.tomcat.connection-timeout", "20s");
    props.put("spring.thymeleaf.cache", true);
    props.put("spring.main.banner-mode", "off");
    props.put("spring.jmx.enabled", false);
    props.put("spring.mvc.problemdetails.enabled", false);
    // No outside configuration: only the sources below.
    props.put("spring.config.location", "optional:classpath:/io/palisade/console/web/none.properties");
    props.put("logging.level.org.springframework", "WARN");
    props.put("logging.level.org.apache", "WARN");
    props.put("logging.level.org.flywaydb", "WARN");
    props.put("logging.level.com.zaxxer", "WARN");
    // Before Spring Boot's own listeners (logging among them) read the environment.
    ApplicationListener<ApplicationEnvironmentPreparedEvent> first = new SettingsFirst(props);
    try {
      ConfigurableApplicationContext context = new SpringApplicationBuilder(ConsoleWebApplication.class)
          .web(WebApplicationType.SERVLET)
          .bannerMode(Banner.Mode.OFF)
          .logStartupInfo(false)
          .registerShutdownHook(false)
          .listeners(first)
          .initializers(ctx -> ctx.getBeanFactory().registerSingleton("consoleServices", services))
          .run();
      return context::close;
    } catch (RuntimeException e) {
      throw new ConsoleException("the console's web server did not start on " + services.settings().bindAddress()
          + ":" + port + ": " + rootMessage(e), e);
    }
  }

  private record SettingsFirst(Map<String, Object> props)
      implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, org.springframework.core.Ordered {
    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
      event.getEnvironment().getPropertySources().addFirst(new MapPropertySource("palisade-console", props));
    }

    @Override
    public int getOrder() {
      return org.springframework.core.Ordered.HIGHEST_PRECEDENCE;
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }
}
