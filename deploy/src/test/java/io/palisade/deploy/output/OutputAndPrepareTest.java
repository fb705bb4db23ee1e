package io.palisade.deploy.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.chain.NetworkRef;
import io.palisade.deploy.Fixtures;
import io.palisade.deploy.model.HotKeyFiles;
import io.palisade.deploy.model.RenderOptions;
import io.palisade.spec.NodeVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing the render (atomic, deterministic, stale files removed) and the node pods' init step. */
class OutputAndPrepareTest {
  @TempDir Path dir;

  @Test
  void renderTwice_identicalBytes_staleFilesRemoved_otherFilesKept() throws Exception {
    Path out = dir.resolve("out");
    List<RenderedFile> files = PoolRenderer.render(Fixtures.mainnet(), RenderOptions.defaults(), Optional.empty())
        .files();
    new OutputDirectory(out).write(files);
    Files.writeString(out.resolve("kubernetes/99-old-region.yaml"), "stale");
    Files.writeString(out.resolve("README.operator"), "mine");
    List<RenderedFile> again = PoolRenderer.render(Fixtures.mainnet(), RenderOptions.defaults(), Optional.empty())
        .files();
    new OutputDirectory(out).write(again);
    assertThat(again).hasSameSizeAs(files);
    for (int i = 0; i < files.size(); i++) {
      assertThat(again.get(i).bytes()).as(files.get(i).path()).isEqualTo(files.get(i).bytes());
      assertThat(Files.readAllBytes(out.resolve(files.get(i).path()))).isEqualTo(files.get(i).bytes());
    }
    assertThat(out.resolve("kubernetes/99-old-region.yaml")).doesNotExist();
    assertThat(out.resolve("README.operator")).hasContent("mine");
    try (var s = Files.list(out.resolve("kubernetes"))) {
      assertThat(s.filter(p -> p.getFileName().toString().contains(".tmp"))).isEmpty();
    }
  }

  @Test
  void hotKeysIncluded_onlyOnRequest_writtenOwnerOnly() throws Exception {
    Path out = dir.resolve("out");
    HotKeyFiles keys = HotKeyFiles.of(Map.of("kes.skey", "k".getBytes(), "vrf.skey", "v".getBytes(),
        "node.cert", "c".getBytes()));
    new OutputDirectory(out).write(PoolRenderer.render(Fixtures.mainnet(), RenderOptions.defaults(),
        Optional.of(keys)).files());
    Path secret = out.resolve("kubernetes/30-secret-pyur-hot-keys.yaml");
    assertThat(Files.readString(secret)).contains("vrf.skey: \"dg==\"");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
        out.resolve("kubernetes/70-statefulset-block-producer.yaml")))).isEqualTo("rw-r--r--");
  }

  @Test
  void prepareRelay_laysOutConfigTopologyGenesisAndSnapshot() throws Exception {
    Path rendered = dir.resolve("r");
    new OutputDirectory(rendered).write(PoolRenderer.render(Fixtures.preview(), RenderOptions.defaults(),
        Optional.empty()).files());
    Path node = rendered.resolve("nodes/relay-region-a-0");
    Path out = dir.resolve("network");
    NodeFilesPreparer.prepare(new NodeFilesPreparer.Request(NetworkRef.parse("preview"), NodeVersion.parse("10.5.3"),
        "relay", node.resolve("config.json"), node.resolve("topology.json"), out, Optional.empty(),
        Optional.empty()));
    try (var s = Files.list(out)) {
      assertThat(s.map(p -> p.getFileName().toString()).sorted()).containsExactly("alonzo-genesis.json",
          "byron-genesis.json", "checkpoints.json", "config.json", "conway-genesis.json", "peer-snapshot.json",
          "shelley-genesis.json", "topology.json");
    }
    assertThat(out.resolve("config.json")).hasSameBinaryContentAs(node.resolve("config.json"));
  }

  @Test
  void prepareProducer_copiesHotKeysFromASecretVolume_ownerOnly() throws Exception {
    Path rendered = dir.resolve("r");
    new OutputDirectory(rendered).write(PoolRenderer.render(Fixtures.preview(), RenderOptions.defaults(),
        Optional.empty()).files());
    Path node = rendered.resolve("nodes/block-producer");
    // A Kubernetes Secret volume: files are links into a ..data directory.
    Path secret = Files.createDirectories(dir.resolve("secret/..2026_11_25"));
    Files.createSymbolicLink(dir.resolve("secret/..data"), secret.getFileName());
    for (String f : HotKeyFiles.REQUIRED) {
      Files.writeString(secret.resolve(f), "secret " + f);
      Files.createSymbolicLink(dir.resolve("secret").resolve(f), Path.of("..data").resolve(f));
    }
    Path keys = dir.resolve("hot-keys");
    NodeFilesPreparer.prepare(new NodeFilesPreparer.Request(NetworkRef.parse("preview"), NodeVersion.parse("10.5.3"),
        "block-producer", node.resolve("config.json"), node.resolve("topology.json"), dir.resolve("network"),
        Optional.of(dir.resolve("secret")), Optional.of(keys)));
    assertThat(keys.resolve("vrf.skey")).hasContent("secret vrf.skey");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("vrf.skey"))))
        .isEqualTo("rw-------");
    assertThat(dir.resolve("network/peer-snapshot.json")).doesNotExist();
  }

  @Test
  void prepare_refusesEscapingLinks_malformedTopology_andMissingKeys() throws Exception {
    Path rendered = dir.resolve("r");
    new OutputDirectory(rendered).write(PoolRenderer.render(Fixtures.preview(), RenderOptions.defaults(),
        Optional.empty()).files());
    Path node = rendered.resolve("nodes/block-producer");
    Path secret = Files.createDirectories(dir.resolve("secret"));
    Files.writeString(dir.resolve("outside"), "not a key");
    for (String f : HotKeyFiles.REQUIRED) {
      Files.createSymbolicLink(secret.resolve(f), dir.resolve("outside"));
    }
    assertThatThrownBy(() -> NodeFilesPreparer.prepare(new NodeFilesPreparer.Request(NetworkRef.parse("preview"),
        NodeVersion.parse("10.5.3"), "block-producer", node.resolve("config.json"), node.resolve("topology.json"),
        dir.resolve("n1"), Optional.of(secret), Optional.of(dir.resolve("k")))))
        .hasMessageContaining("not a regular file inside");
    Path bad = dir.resolve("bad-topology.json");
    Files.writeString(bad, "{\"Producers\": [{\"addr\": \"x\", \"port\": 1, \"valency\": 1}]}");
    assertThatThrownBy(() -> NodeFilesPreparer.prepare(new NodeFilesPreparer.Request(NetworkRef.parse("preview"),
        NodeVersion.parse("10.5.3"), "relay", node.resolve("config.json"), bad, dir.resolve("n2"), Optional.empty(),
        Optional.empty()))).hasMessageContaining("legacy non-P2P");
    assertThatThrownBy(() -> NodeFilesPreparer.prepare(new NodeFilesPreparer.Request(NetworkRef.parse("preview"),
        NodeVersion.parse("10.5.3"), "block-producer", node.resolve("config.json"), node.resolve("topology.json"),
        dir.resolve("n3"), Optional.empty(), Optional.empty()))).hasMessageContaining("--hot-keys-from");
  }
}
