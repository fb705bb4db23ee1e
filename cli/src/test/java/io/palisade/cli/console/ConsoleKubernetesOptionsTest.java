package io.palisade.cli.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.cli.CliRun;
import io.palisade.cli.ExitCodes;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code palisade console --kubernetes}: its options are checked before anything starts. */
class ConsoleKubernetesOptionsTest {
  @TempDir Path dir;

  @Test
  void kubernetesNeedsAPool_andTheKubernetesOptionsNeedKubernetes() {
    String data = dir.resolve("console").toString();
    CliRun noPool = CliRun.run("console", "--kubernetes", "--data-dir", data);
    assertThat(noPool.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(noPool.err()).contains("--kubernetes needs --pool NAME");

    CliRun noKubernetes = CliRun.run("console", "--pool", "tpool", "--data-dir", data);
    assertThat(noKubernetes.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(noKubernetes.err()).contains("go with --kubernetes");

    CliRun both = CliRun.run("console", "--kubernetes", "--pool", "tpool", "--pool-data-dir", data, "--data-dir",
        data);
    assertThat(both.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(both.err()).contains("--pool-data-dir is for the single-host runtime");

    CliRun unpinned = CliRun.run("console", "--kubernetes", "--pool", "tpool", "--node-image",
        "10.5.4=registry.example/cardano-node:10.5.4", "--data-dir", data);
    assertThat(unpinned.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(unpinned.err()).contains("pinned by digest");
  }
}
