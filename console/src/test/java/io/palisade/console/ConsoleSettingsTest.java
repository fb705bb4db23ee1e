package io.palisade.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.spec.ConsoleSpec;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What settings a console accepts. */
class ConsoleSettingsTest {
  private final ConsoleSettings defaults = ConsoleSettings.defaults(Path.of("data"));

  @Test
  void defaultsAreSafe() {
    assertThat(defaults.bindAddress()).isEqualTo("127.0.0.1");
    assertThat(defaults.destructiveDelay()).isEqualTo(Duration.ofDays(7));
    assertThat(defaults.jdbcUrl()).isEmpty();
    assertThat(defaults.withJdbcUrl("  ").jdbcUrl()).isEmpty();
  }

  @Test
  void plainHttpOnlyOnLoopback() {
    assertThat(defaults.withBindAddress("::1").bindAddress()).isEqualTo("::1");
    assertThatThrownBy(() -> defaults.withBindAddress("0.0.0.0")).hasMessageContaining("SSH tunnel");
    assertThat(defaults.withPublicUrl(URI.create("https://console.pool.example")).withBindAddress("0.0.0.0")
        .publicUrl()).isPresent();
    assertThatThrownBy(() -> defaults.withPublicUrl(URI.create("http://127.0.0.1:8443")))
        .hasMessageContaining("host name");
    assertThatThrownBy(() -> defaults.withPublicUrl(URI.create("ftp://x"))).hasMessageContaining("http");
  }

  @Test
  void limitsAreChecked() {
    assertThatThrownBy(() -> defaults.withPort(70000)).hasMessageContaining("port");
    assertThatThrownBy(() -> defaults.withStepUpWindow(Duration.ofHours(2))).hasMessageContaining("stepUpWindow");
    assertThatThrownBy(() -> defaults.withGracePeriod(Duration.ofMinutes(5))).hasMessageContaining("grace");
    assertThatThrownBy(() -> defaults.withDestructiveDelay(Duration.ofDays(6))).hasMessageContaining("at least 7");
  }

  @Test
  void fromThePoolSpec() {
    ConsoleSettings s = ConsoleSettings.fromSpec(
        new ConsoleSpec("127.0.0.1", 9443, "jdbc:postgresql://db/palisade", Duration.ofDays(10)), Path.of("d"));
    assertThat(s.port()).isEqualTo(9443);
    assertThat(s.jdbcUrl()).contains("jdbc:postgresql://db/palisade");
    assertThat(s.destructiveDelay()).isEqualTo(Duration.ofDays(10));
  }
}
