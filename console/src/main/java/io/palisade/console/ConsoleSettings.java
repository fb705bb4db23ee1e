package io.palisade.console;

import io.palisade.console.delay.DelayPolicy;
import io.palisade.spec.ConsoleSpec;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a console runs. Build with {@link #defaults(Path)} and the {@code with...} methods, or from a pool spec with
 * {@link #fromSpec(ConsoleSpec, Path)}.
 *
 * @param bindAddress the address it listens on ({@code 127.0.0.1}: reach it through an SSH tunnel or a TLS proxy)
 * @param port the port (0: any free port)
 * @param dataDirectory where the embedded database and the console key live
 * @param jdbcUrl a PostgreSQL (or H2) JDBC URL; empty for the embedded H2 file under the data directory
 * @param destructiveDelay how long destructive actions wait (at least seven days)
 * @param gracePeriod how long a due action may still run before it expires
 * @param stepUpWindow how recent the second factor must be for a change
 * @param sessionIdleTimeout a session ends after this long without a request
 * @param sessionMaxLifetime a session ends this long after login, active or not
 * @param publicUrl the URL browsers use (it fixes the WebAuthn relying party and allowed origin); empty for
 *     {@code http://localhost:PORT}
 * @param runnerInterval how often due actions are looked for
 */
public record ConsoleSettings(
    String bindAddress,
    int port,
    Path dataDirectory,
    Optional<String> jdbcUrl,
    Duration destructiveDelay,
    Duration gracePeriod,
    Duration stepUpWindow,
    Duration sessionIdleTimeout,
    Duration sessionMaxLifetime,
    Optional<URI> publicUrl,
    Duration runnerInterval) {

  /** The default port (as in pool.yaml's {@code console.port}). */
  public static final int DEFAULT_PORT = 8443;

  /** Checks every value; the delay's floor first. */
  public ConsoleSettings {
    Objects.requireNonNull(bindAddress, "bindAddress");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, was: " + port);
    }
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl").filter(u -> !u.isBlank());
    DelayPolicy.checkDelay(destructiveDelay);
    DelayPolicy.checkGrace(gracePeriod);
    within("stepUpWindow", stepUpWindow, Duration.ofSeconds(30), Duration.ofHours(1));
    within("sessionIdleTimeout", sessionIdleTimeout, Duration.ofMinutes(1), Duration.ofHours(12));
    within("sessionMaxLifetime", sessionMaxLifetime, Duration.ofMinutes(5), Duration.ofHours(24));
    Objects.requireNonNull(publicUrl, "publicUrl");
    publicUrl.ifPresent(ConsoleSettings::checkPublicUrl);
    within("runnerInterval", runnerInterval, Duration.ofMillis(50), Duration.ofMinutes(10));
    if (!isLoopback(bindAddress) && publicUrl.map(u -> !"https".equals(u.getScheme())).orElse(true)) {
      throw new IllegalArgumentException("the console serves plain HTTP: bind it to a loopback address and reach it"
          + " through an SSH tunnel, or put a TLS proxy in front and set publicUrl to its https:// URL (bind address"
          + " was: " + bindAddress + ")");
    }
  }

  /**
   * The defaults: loopback, port 8443, embedded H2, seven-day delay, two-day grace, five-minute step-up, 15-minute
   * idle timeout, 12-hour sessions, due actions checked every 5 seconds.
   *
   * @param dataDirectory where the console keeps its state
   * @return the settings
   */
  public static ConsoleSettings defaults(Path dataDirectory) {
    return new ConsoleSettings("127.0.0.1", DEFAULT_PORT, dataDirectory, Optional.empty(), DelayPolicy.FLOOR,
        Duration.ofDays(2), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(12), Optional.empty(),
        Duration.ofSeconds(5));
  }

  /**
   * The settings a pool spec's {@code console:} section gives.
   *
   * @param spec the section
   * @param dataDirectory where the console keeps its state
   * @return the settings
   */
  public static ConsoleSettings fromSpec(ConsoleSpec spec, Path dataDirectory) {
    ConsoleSettings s = defaults(dataDirectory).withBindAddress(spec.bind()).withPort(spec.port())
        .withDestructiveDelay(spec.destructiveDelay());
    return spec.database() == null ? s : s.withJdbcUrl(spec.database());
  }

  private static void within(String name, Duration d, Duration min, Duration max) {
    if (d == null || d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was: " + d);
    }
  }

  private static void checkPublicUrl(URI u) {
    if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
      throw new IllegalArgumentException("publicUrl must be an http:// or https:// URL with a host, was: " + u);
    }
    if (u.getHost().matches("[0-9.]+") || u.getHost().contains(":")) {
      throw new IllegalArgumentException("publicUrl must use a host name, not an IP address (passkeys need a"
          + " domain; use localhost for a local console), was: " + u);
    }
  }

  private static boolean isLoopback(String address) {
    if ("localhost".equals(address)) {
      return true;
    }
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("bind address is not an address: " + address);
    }
  }

  /** @param v the bind address @return a copy with it */
  public ConsoleSettings withBindAddress(String v) {
    return new ConsoleSettings(v, port, dataDirectory, jdbcUrl, destructiveDelay, gracePeriod, stepUpWindow,
        sessionIdleTimeout, sessionMaxLifetime, publicUrl, runnerInterval);
  }

  /** @param v the port (0: any free one) @return a copy with it */
  public ConsoleSettings withPort(int v) {
    return new ConsoleSettings(bindAddress, v, dataDirectory, jdbcUrl, destructiveDelay, gracePeriod, stepUpWindow,
        sessionIdleTimeout, sessionMaxLifetime, publicUrl, runnerInterval);
  }

  /** @param v a JDBC URL @return a copy with it */
  public ConsoleSettings withJdbcUrl(String v) {
    return new ConsoleSettings(bindAddress, port, dataDirectory, Optional.ofNullable(v), destructiveDelay, gracePeriod,
        stepUpWindow, sessionIdleTimeout, sessionMaxLifetime, publicUrl, runnerInterval);
  }

  /** @param v the delay (at least seven days) @return a copy with it */
  public ConsoleSettings withDestructiveDelay(Duration v) {
    return new ConsoleSettings(bindAddress, port, dataDirectory, jdbcUrl, v, gracePeriod, stepUpWindow,
        sessionIdleTimeout, sessionMaxLifetime, publicUrl, runnerInterval);
  }

  /** @param v the grace period @return a copy with it */
  public ConsoleSettings withGracePeriod(Duration v) {
    return new ConsoleSettings(bindAddress, port, dataDirectory, jdbcUrl, destructiveDelay, v, stepUpWindow,
        sessionIdleTimeout, sessionMaxLifetime, publicUrl, runnerInterval);
  }

  /** @param v the step-up window @return a copy with it */
  public ConsoleSettings withStepUpWindow(Duration v) {
    return new ConsoleSettings(bindAddress, port, dataDirectory, jdbcUrl, destructiveDelay, gracePeriod, v,
        sessionIdleTimeout, sessionMaxLifetime, publicUrl, runnerInterval);
  }

  /** @param v the public URL @return a copy with it */
  public ConsoleSettings withPublicUrl(URI v) {
    return new ConsoleSettings(bindAddress, port, dataDirectory, jdbcUrl, destructiveDelay, gracePeriod, stepUpWindow,
        sessionIdleTimeout, sessionMaxLifetime, Optional.ofNullable(v), runnerInterval);
  }

  /** @param v how often due actions are looked for @return a copy with it */
  public ConsoleSettings withRunnerInterval(Duration v) {
    return new ConsoleSettings(bindAddress, port, dataDirectory, jdbcUrl, destructiveDelay, gracePeriod, stepUpWindow,
        sessionIdleTimeout, sessionMaxLifetime, publicUrl, v);
  }
}
