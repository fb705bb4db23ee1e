package io.palisade.keys.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A SoftHSM2 token of the test's own, in a temporary directory: its config file is passed to child processes as
 * {@code SOFTHSM2_CONF}, so no system token is touched. Skips the test, visibly, when softhsm2 is not installed
 * (./test.sh installs it).
 *
 * @param conf the softhsm2.conf path
 * @param library the PKCS#11 module
 * @param pin the user PIN of the token
 */
public record SoftHsm(Path conf, String library, String pin) {
  /** Debian's module path. */
  public static final String LIBRARY = "/usr/lib/softhsm/libsofthsm2.so";

  /** Creates and initializes a token labelled {@code palisade-test} under {@code dir}. */
  public static SoftHsm create(Path dir) throws Exception {
    if (!Files.exists(Path.of(LIBRARY)) || !Files.exists(Path.of("/usr/bin/softhsm2-util"))) {
      String message = "SKIPPED: softhsm2 is not installed (apt-get install softhsm2; ./test.sh does it as root)";
      System.err.println(message);
      assumeTrue(false, message);
    }
    Path tokens = Files.createDirectories(dir.resolve("tokens"));
    Path conf = dir.resolve("softhsm2.conf");
    Files.writeString(conf, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
    SoftHsm hsm = new SoftHsm(conf, LIBRARY, "246810");
    ProcessBuilder pb = new ProcessBuilder(List.of("softhsm2-util", "--init-token", "--free", "--label",
        "palisade-test", "--so-pin", "13579135", "--pin", hsm.pin())).redirectErrorStream(true);
    pb.environment().put("SOFTHSM2_CONF", conf.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(1, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new AssertionError("softhsm2-util --init-token failed: " + out);
    }
    return hsm;
  }

  /** The environment a child process needs to see this token. */
  public Map<String, String> env() {
    return Map.of("SOFTHSM2_CONF", conf.toString());
  }
}
