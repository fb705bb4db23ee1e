package io.palisade.runtime.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.gateway.ProcessShellSession;
import io.palisade.gateway.ShellSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16 item 2: a browser shell ran as the console's own user, read {@code ../../token} and {@code console.key},
 * and could bypass the delay through the loopback API. Shells now run as {@value ShellUser#NAME} (no groups, no
 * capabilities, no_new_privs); as root the test lays out a data directory as the runtime does and checks what the
 * shell really can and cannot read. Where the console cannot drop privileges, shells are refused with the reason.
 */
class ShellUserTest {
  @TempDir Path tmp;

  private static void mode(Path p, String mode) throws IOException {
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
  }

  @Test
  void asRootAShellCannotReadTheTokenTheConsolesFilesOrTheHotKeys() throws Exception {
    ShellUser user = ShellUser.prepare();
    Assumptions.assumeTrue(user.available(), "SKIPPED (needs root and setpriv): " + user.refusal());
    Path data = Files.createDirectories(tmp.resolve("data"));
    mode(data, "rwx------");
    Files.writeString(data.resolve("token"), "control-plane-token-123");
    mode(data.resolve("token"), "rw-------");
    Path console = Files.createDirectories(data.resolve("console"));
    mode(console, "rwx------");
    Files.writeString(console.resolve("console.key"), "console-key-456");
    mode(console.resolve("console.key"), "rw-------");
    Path node = Files.createDirectories(data.resolve("nodes/block-producer"));
    mode(data.resolve("nodes"), "rwxr-xr-x");
    mode(node, "rwxr-xr-x");
    Files.writeString(node.resolve("node.log"), "the node's log");
    mode(node.resolve("node.log"), "rw-r--r--");
    Path keys = Files.createDirectories(node.resolve("hot-keys"));
    mode(keys, "rwx------");
    Files.writeString(keys.resolve("kes.skey"), "kes-secret-789");
    mode(keys.resolve("kes.skey"), "rw-------");

    String out;
    try (ShellSession shell = ProcessShellSession.start(user.shellCommand(), node, Map.of("PALISADE_NODE", "bp"))) {
      shell.input().write(("id -un; cat node.log; echo; cat ../../token; cat ../../console/console.key;"
          + " cat " + data.resolve("token") + "; cat hot-keys/kes.skey; touch planted; grep -c . /proc/1/environ;"
          + " exit\n").getBytes(StandardCharsets.UTF_8));
      shell.input().flush();
      out = new String(shell.output().readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(out).contains(ShellUser.NAME, "the node's log");
    assertThat(out).doesNotContain("control-plane-token-123", "console-key-456", "kes-secret-789");
    assertThat(out.split("Permission denied", -1)).as(out).hasSizeGreaterThanOrEqualTo(7);
    assertThat(node.resolve("planted")).as("the node's files are read-only to it").doesNotExist();
  }

  @Test
  void withoutRootShellsAreRefusedWithTheReason() throws Exception {
    Path passwd = Files.writeString(tmp.resolve("passwd"), "root:x:0:0::/root:/bin/sh\n");
    ShellUser user = ShellUser.prepare(1000, passwd);
    assertThat(user.available()).isFalse();
    assertThat(user.refusal()).contains("does not run as root", "control-plane token");
    assertThatThrownBy(user::shellCommand).isInstanceOf(IOException.class)
        .hasMessageContaining("shells are refused on this host");
  }

  @Test
  void theAccountIsReadFromPasswd() throws Exception {
    Path passwd = Files.writeString(tmp.resolve("passwd"),
        "root:x:0:0::/root:/bin/sh\n" + ShellUser.NAME + ":x:998:997:Palisade:/nonexistent:/usr/sbin/nologin\n");
    assertThat(ShellUser.lookup(passwd, "/usr/bin/setpriv")).get()
        .satisfies(a -> assertThat(a.uid()).isEqualTo(998)).satisfies(a -> assertThat(a.gid()).isEqualTo(997));
    Files.writeString(passwd, ShellUser.NAME + ":x:nope:1::/:/bin/false\n");
    assertThatThrownBy(() -> ShellUser.lookup(passwd, "/usr/bin/setpriv")).hasMessageContaining("malformed");
  }
}
