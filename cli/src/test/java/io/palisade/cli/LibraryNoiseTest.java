package io.palisade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: no third-party noise on the terminal. The command runs as a child process, as from a shell: the libraries
 * log through slf4j-simple to the process's own stderr, which an in-process run would not see.
 */
class LibraryNoiseTest {
  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  Run palisade(String... args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", cp, "io.palisade.cli.Main"));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
    try {
      assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("palisade %s ended", String.join(" ", args)).isTrue();
      return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void aTakenConsolePort_isOneLineAndExit4_andTheAuditLogCommandsPrintNoLibraryLines() throws Exception {
    Path console = dir.resolve("console");
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      Run r = palisade("console", "--port", String.valueOf(port), "--data-dir", console.toString(),
          "--pool-data-dir", dir.resolve("pool").toString());
      assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.UNAVAILABLE);
      assertThat(r.out()).isEmpty();
      // No Spring Boot failure banner, no library log line: Palisade's own lines only, the last one saying why.
      assertThat(r.err().lines()).as(r.err()).isNotEmpty().allMatch(l -> l.startsWith("palisade: "));
      assertThat(r.err().lines().reduce((a, b) -> b).orElseThrow()).isEqualTo("palisade: the console did not start:"
          + " port " + port + " on 127.0.0.1 is already in use (another console, or another program, listens"
          + " there); stop it, or pass --port N (0: any free port)");
    }
    // The console opened its database before its web server: the audit-log commands read it, without Hikari's pool
    // lines (they printed five INFO lines per command).
    Run verify = palisade("audit-log", "verify", "--data-dir", console.toString());
    assertThat(verify.code()).as(verify.err()).isZero();
    assertThat(verify.out()).startsWith("audit log intact:");
    assertThat(verify.err().lines()).as(verify.err()).allMatch(l -> l.startsWith("palisade: "));
  }
}
