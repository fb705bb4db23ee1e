package io.palisade.cli.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.operator.model.StakePool;
import io.palisade.operator.testing.MockCluster;
import io.palisade.operator.testing.TestPools;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code palisade console --kubernetes --pool NAME} from the fat jar, against fabric8's CRUD mock API server reached
 * the way a kubeconfig would be (fabric8's auto-configuration, here from system properties): it attaches to the
 * StakePool, and says plainly when there is none.
 */
class ConsoleKubernetesIT {
  @TempDir Path dir;

  private List<String> run(MockCluster cluster, String pool) throws Exception {
    Path jar = Path.of(System.getProperty("palisade.jar", "target/palisade.jar"));
    Assumptions.assumeTrue(Files.exists(jar), "SKIPPED: " + jar + " is not built");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
        "-Dkubernetes.master=" + cluster.url(), "-Dkubernetes.auth.tryKubeConfig=false",
        "-Dkubernetes.auth.tryServiceAccount=false", "-Dkubernetes.trust.certificates=true",
        "-jar", jar.toString(), "console", "--kubernetes", "--pool", pool, "--data-dir",
        dir.resolve("console-" + pool).toString(), "--port", "0")
        .redirectError(dir.resolve("console-" + pool + ".err").toFile()).start();
    List<String> out = new ArrayList<>();
    try {
      BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      String line;
      while (System.nanoTime() < deadline && (line = r.readLine()) != null) {
        out.add(line);
        if (line.contains("Ctrl-C stops it")) {
          return out;
        }
      }
      throw new AssertionError("the console did not start: " + out + " "
          + Files.readString(dir.resolve("console-" + pool + ".err")));
    } finally {
      p.destroy();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  @Test
  void attachesToTheStakePool_orSaysThereIsNone() throws Exception {
    try (MockCluster cluster = new MockCluster()) {
      StakePool created = cluster.client().resource(TestPools.withBlockProducerOnly()).create();
      created.setStatus(TestPools.withBlockProducerOnly().getStatus());
      cluster.client().resource(created).updateStatus();

      List<String> out = run(cluster, TestPools.NAME);
      assertThat(out).anyMatch(l -> l.startsWith("Console: http://"))
          .anyMatch(l -> l.contains("Attached to StakePool " + TestPools.NAMESPACE + "/" + TestPools.NAME));

      List<String> none = run(cluster, "other");
      assertThat(none).anyMatch(l -> l.contains("Not attached yet: no StakePool other-pool/other"));
    }
  }
}
