package io.palisade.cli.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.cli.CliRun;
import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database password never goes on the command line (every local user reads {@code ps}): a URL holding one is
 * refused, and the password comes from a file or the environment into this process only.
 */
class ConsoleDataOptionsTest {
  @TempDir Path dir;

  @Test
  void aPasswordInTheUrlIsRefused() {
    CliRun r = CliRun.run("console", "--data-dir", dir.toString(), "--jdbc-url",
        "jdbc:postgresql://localhost/console?user=palisade&password=hunter2");
    assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(r.err()).contains("holds a password", "--jdbc-password-file").doesNotContain("hunter2");
    CliRun verify = CliRun.run("audit-log", "verify", "--jdbc-url", "jdbc:postgresql://h/db;PASSWORD=x");
    assertThat(verify.code()).isEqualTo(ExitCodes.INVALID_INPUT);
  }

  @Test
  void thePasswordComesFromAFileOrTheEnvironment() throws Exception {
    ConsoleDataOptions o = new ConsoleDataOptions();
    o.jdbcUrl = "jdbc:postgresql://localhost/console?user=palisade";
    assertThat(o.jdbcUrl(Map.of())).contains("jdbc:postgresql://localhost/console?user=palisade");
    assertThat(o.jdbcUrl(Map.of(ConsoleDataOptions.PASSWORD_ENV, "s3cret & more")))
        .contains("jdbc:postgresql://localhost/console?user=palisade&password=s3cret+%26+more");
    o.jdbcPasswordFile = Files.writeString(dir.resolve("pw"), "from-file\nsecond line ignored\n");
    assertThat(o.jdbcUrl(Map.of(ConsoleDataOptions.PASSWORD_ENV, "env"))).contains(
        "jdbc:postgresql://localhost/console?user=palisade&password=from-file");
    o.jdbcPasswordFile = dir.resolve("missing");
    assertThatThrownBy(() -> o.jdbcUrl(Map.of())).isInstanceOf(ExitException.class);
  }
}
