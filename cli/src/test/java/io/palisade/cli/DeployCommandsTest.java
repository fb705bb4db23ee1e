package io.palisade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** palisade render, audit and prepare-node, end to end through the command line. */
class DeployCommandsTest {
  @TempDir Path dir;

  private static Path example(String name) {
    Path here = Path.of("").toAbsolutePath();
    Path examples = here.resolveSibling("examples");
    return (Files.isDirectory(examples) ? examples : here.resolve("examples")).resolve(name);
  }

  @Test
  void renderThenAudit_examplePool_passes_andRenderingTwiceGivesIdenticalBytes() throws IOException {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    CliRun first = CliRun.run("render", example("pool.yaml").toString(), "--out", a.toString());
    assertThat(first.code()).as(first.err()).isEqualTo(ExitCodes.OK);
    assertThat(first.out()).contains("25 Kubernetes objects, 10 node files, 5 firewall rulesets");
    assertThat(first.err()).contains("warning: firewall/block-producer.nft: relay address relays-eu.pyur.example");
    assertThat(CliRun.run("render", example("pool.yaml").toString(), "--out", b.toString()).code()).isZero();
    assertThat(tree(b)).isEqualTo(tree(a));
    for (String f : tree(a)) {
      assertThat(Files.readAllBytes(b.resolve(f))).as(f).isEqualTo(Files.readAllBytes(a.resolve(f)));
    }
    assertThat(tree(a)).contains("kubernetes/70-statefulset-relay-eu-west.yaml", "nodes/block-producer/config.json",
        "nodes/relay-eu-west-1/topology.json", "firewall/relay-us-east-0.nft");
    assertThat(Files.readString(a.resolve("kubernetes/30-secret-pyur-hot-keys.yaml"))).doesNotContain("\ndata:");

    CliRun audit = CliRun.run("audit", a.toString());
    assertThat(audit.code()).as(audit.out()).isEqualTo(ExitCodes.OK);
    assertThat(audit.out()).contains("PASS  block-producer-private").contains("all passed").doesNotContain("FAIL");
    CliRun json = CliRun.run("audit", a.toString(), "--json");
    assertThat(json.out()).contains("\"passed\" : true").contains("\"check\" : \"relay-regions\"");
  }

  @Test
  void audit_tamperedManifest_exits1_withTheFailingRow() throws IOException {
    Path out = dir.resolve("out");
    assertThat(CliRun.run("render", example("pool.yaml").toString(), "--out", out.toString()).code()).isZero();
    Path svc = out.resolve("kubernetes/60-service-block-producer.yaml");
    Files.writeString(svc, Files.readString(svc).replace("type: \"ClusterIP\"", "type: \"NodePort\""));
    CliRun audit = CliRun.run("audit", out.toString());
    assertThat(audit.code()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(audit.out()).containsPattern("FAIL  block-producer-private +StatefulSet/block-producer .*NodePort")
        .contains("1 FAILED");
  }

  @Test
  void audit_missingOrMalformedInput_exits2() throws IOException {
    assertThat(CliRun.run("audit", dir.resolve("nowhere").toString()).code()).isEqualTo(ExitCodes.INVALID_INPUT);
    Files.writeString(dir.resolve("x.yaml"), "kind: [unclosed");
    CliRun bad = CliRun.run("audit", dir.toString());
    assertThat(bad.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(bad.err()).contains("x.yaml");
  }

  @Test
  void render_withoutPalisadeImage_isRefused_exit3_andWritesNothing() throws IOException {
    Path spec = dir.resolve("pool.yaml");
    Files.writeString(spec, Files.readString(example("pool.yaml")).replaceAll("(?s)\npalisade:\n  image: [^\n]*\n",
        "\n"));
    Path out = dir.resolve("out");
    CliRun r = CliRun.run("render", spec.toString(), "--out", out.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.REFUSED);
    assertThat(r.err()).contains("palisade.image is required");
    assertThat(out).doesNotExist();
  }

  @Test
  void render_withHotKeys_warnsLoudly_andWritesTheSecretOwnerOnly() throws IOException {
    Path keys = Files.createDirectories(dir.resolve("keys"));
    for (String f : List.of("kes.skey", "vrf.skey", "node.cert")) {
      Files.writeString(keys.resolve(f), "{\"type\": \"test " + f + "\"}");
    }
    Path out = dir.resolve("out");
    CliRun r = CliRun.run("render", example("pool.yaml").toString(), "--out", out.toString(),
        "--insecure-include-hot-keys", keys.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("WARNING").contains("can sign blocks as your pool");
    Path secret = out.resolve("kubernetes/30-secret-pyur-hot-keys.yaml");
    assertThat(Files.readString(secret)).contains("kes.skey:");
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)))
        .isEqualTo("rw-------");
  }

  @Test
  void prepareNode_laysOutARelay() throws IOException {
    Path out = dir.resolve("out");
    assertThat(CliRun.run("render", example("demo-pool.yaml").toString(), "--out", out.toString()).code()).isZero();
    Path node = out.resolve("nodes/relay-region-b-0");
    CliRun r = CliRun.run("prepare-node", "--network", "preview", "--node-version", "10.5.3", "--role", "relay",
        "--config", node.resolve("config.json").toString(), "--topology", node.resolve("topology.json").toString(),
        "--out", dir.resolve("network").toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("8 files ready for the relay");
    assertThat(dir.resolve("network/byron-genesis.json")).exists();
    CliRun old = CliRun.run("prepare-node", "--network", "preview", "--node-version", "9.2.0", "--role", "relay",
        "--config", node.resolve("config.json").toString(), "--topology", node.resolve("topology.json").toString(),
        "--out", dir.resolve("n2").toString());
    assertThat(old.code()).isEqualTo(ExitCodes.REFUSED);
  }

  private static List<String> tree(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
    }
  }
}
