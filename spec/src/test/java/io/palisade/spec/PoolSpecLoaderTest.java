package io.palisade.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.palisade.chain.KnownNetwork;
import io.palisade.spec.binding.Problems;
import io.palisade.spec.yaml.SourceLocation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading pool.yaml: the examples, every kind of broken file, and what a broken file reports. */
class PoolSpecLoaderTest {
  private static final String DIGEST = "sha256:" + "ab".repeat(32);
  private static final String VALID = """
      name: pool
      network: preprod
      node:
        version: 10.5.3
        image: registry.example.com/palisade/cardano-node:10.5.3@%s
      registry:
        host: registry.example.com
        private: true
      relays:
        - region: eu
          count: 2
          publicAddress: relays-eu.example.com
        - region: us
          publicAddress: 203.0.113.7
      """.formatted(DIGEST);

  @TempDir Path dir;

  private final PoolSpecLoader loader = new PoolSpecLoader();

  @Test
  void mainnetExample_isValid_withOneProducerAndRelaysInThreeRegions() {
    LoadedPoolSpec loaded = loader.load(Examples.dir().resolve("pool.yaml"));
    PoolSpec spec = loaded.spec();
    assertThat(spec.network().isMainnet()).isTrue();
    assertThat(spec.relays()).extracting(RelayGroupSpec::region).containsExactly("eu-west", "us-east", "ap-southeast");
    assertThat(spec.nodes()).extracting(NodeRef::name).containsExactly(
        "block-producer", "relay-eu-west-0", "relay-eu-west-1", "relay-us-east-0", "relay-ap-southeast-0");
    assertThat(spec.node().image().digest()).startsWith("sha256:");
    assertThat(loaded.genesis().networkMagic()).isEqualTo(764824073L);
  }

  /** A regression the fuzz test found: an empty peers list ("bootstrapPeers:" with no value) crashed the validator. */
  @Test
  void emptyPeerLists_loadOrExplain_neverCrash() {
    for (String peers : new String[] {"peers:\n  bootstrapPeers:\n", "peers:\n  publicRoots:\n",
        "peers:\n  publicRoots: ~\n  bootstrapPeers: ~\n"}) {
      try {
        loader.parse(VALID + peers, "pool.yaml", dir);
      } catch (InvalidPoolSpecException e) {
        assertThat(e.getMessage()).contains("pool.yaml");
      }
    }
  }

  @Test
  void demoExample_isValid_onPreview_withRelaysInTwoRegions_andNoBinary() {
    PoolSpec spec = loader.load(Examples.dir().resolve("demo-pool.yaml")).spec();
    assertThat(spec.network().known()).contains(KnownNetwork.PREVIEW);
    assertThat(spec.relays()).hasSize(2);
    assertThat(spec.node().binary()).as("no binary: the simulated node runs").isNull();
    assertThat(spec.upgrade().deadlinePerNode()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void withNodeVersion_changesTheReleaseOnly() {
    PoolSpec spec = loader.load(Examples.dir().resolve("pool.yaml")).spec();
    PoolSpec next = spec.withNodeVersion(NodeVersion.parse("10.6.0"));
    assertThat(next.node().version()).isEqualTo(NodeVersion.parse("10.6.0"));
    assertThat(next.node().image()).isEqualTo(spec.node().image());
    assertThat(next.node().binary()).isEqualTo(spec.node().binary());
    assertThat(next.withNodeVersion(spec.node().version())).isEqualTo(spec);
  }

  @Test
  void defaults_fillEveryOptionalField() {
    PoolSpec spec = parse(VALID);
    assertThat(spec.ports()).isEqualTo(new PortsSpec(3001, 12798, 12799));
    assertThat(spec.blockProducer().name()).isEqualTo("block-producer");
    assertThat(spec.blockProducer().storage().size()).isEqualTo(Quantity.parse("300Gi"));
    assertThat(spec.relays().get(1).count()).isEqualTo(1);
    assertThat(spec.relays().get(1).port()).isEqualTo(3001);
    assertThat(spec.upgrade()).isEqualTo(new UpgradePolicy(Duration.ofHours(2), Duration.ofMinutes(10)));
    assertThat(spec.console().destructiveDelay()).isEqualTo(Duration.ofDays(7));
    assertThat(spec.peers().publicRoots()).isEmpty();
    assertThat(spec.keys().hotKeyBundle()).isNull();
  }

  @Test
  void versionWrittenAsANumber_keepsItsText() {
    // YAML reads 10.10 as a float 10.1; the version must stay 10.10.0-style text.
    InvalidPoolSpecException e = broken(VALID.replace("version: 10.5.3", "version: 10.10"));
    assertThat(e.getMessage()).contains("node.version").contains("\"10.10\"");
  }

  // ---- a dozen kinds of broken, each with its field path and line:column ----

  @Test
  void unknownKey_namesItsLine_andSuggestsTheClosestField() {
    InvalidPoolSpecException e = broken(VALID.replace("    count: 2", "    cuont: 2"));
    assertOnly(e, "relays[0].cuont", 11, 5, "did you mean 'count'?");
  }

  @Test
  void missingRequiredField_namesTheParent() {
    InvalidPoolSpecException e = broken(VALID.replace("  - region: us\n    publicAddress: 203.0.113.7\n",
        "  - region: us\n"));
    assertOnly(e, "relays[1].publicAddress", 13, 5, "missing required field 'publicAddress'");
  }

  @Test
  void portOutOfRange() {
    InvalidPoolSpecException e = broken(VALID + "ports:\n  nodeToNode: 70000\n");
    assertOnly(e, "ports.nodeToNode", 16, 15, "between 1024 and 65535");
  }

  @Test
  void imageWithoutDigest() {
    InvalidPoolSpecException e = broken(VALID.replace("@" + DIGEST, ""));
    assertOnly(e, "node.image", 5, 10, "pinned by digest");
  }

  @Test
  void imageFromAnotherRegistry() {
    InvalidPoolSpecException e = broken(VALID.replace("image: registry.example.com", "image: evil.example.org"));
    assertOnly(e, "node.image", 5, 10, "must come from the pool's registry registry.example.com");
  }

  @Test
  void palisadeImageFromAnotherRegistry() {
    InvalidPoolSpecException e = broken(VALID + "palisade:\n  image: evil.example.org/palisade/palisade@" + DIGEST + "\n");
    assertOnly(e, "palisade.image", 16, 10, "must come from the pool's registry registry.example.com");
  }

  @Test
  void palisadeImage_isOptional_andParsedWhenGiven() {
    assertThat(parse(VALID).palisade().image()).isNull();
    PoolSpec spec = parse(VALID + "palisade:\n  image: registry.example.com/palisade/palisade:0.1.0@" + DIGEST + "\n");
    assertThat(spec.palisade().image().repository()).isEqualTo("palisade/palisade");
  }

  @Test
  void sshBastion_mustBeAnAddressOrCidr() {
    assertThat(parse(VALID + "firewall:\n  sshBastion: 198.51.100.0/24\n").firewall().sshBastion())
        .isEqualTo("198.51.100.0/24");
    InvalidPoolSpecException e = broken(VALID + "firewall:\n  sshBastion: bastion.example.com\n");
    assertOnly(e, "firewall.sshBastion", 16, 15, "must be an IP address or CIDR block");
  }

  @Test
  void publicRegistry() {
    InvalidPoolSpecException e = broken(VALID.replace("private: true", "private: false"));
    assertOnly(e, "registry.private", 8, 12, "must be true");
  }

  @Test
  void versionThatDoesNotParse() {
    InvalidPoolSpecException e = broken(VALID.replace("version: 10.5.3", "version: latest"));
    assertOnly(e, "node.version", 4, 12, "cardano-node version such as 10.5.3");
  }

  @Test
  void duplicateRegion() {
    InvalidPoolSpecException e = broken(VALID.replace("region: us", "region: eu"));
    assertOnly(e, "relays[1].region", 13, 13, "declared twice");
  }

  @Test
  void wrongType_listWhereAMappingBelongs_andStringWhereAnIntegerBelongs() {
    InvalidPoolSpecException e = broken(VALID.replace("count: 2", "count: two") + "upgrade: [1, 2]\n");
    assertThat(e.errors()).extracting(Problems.Problem::path).containsExactly("relays[0].count", "upgrade");
    assertThat(e.errors().get(0).message()).isEqualTo("expected an integer, got a string (\"two\")");
    assertThat(e.errors().get(1).message()).isEqualTo("expected a mapping, got a list");
  }

  @Test
  void unknownNetwork_andMissingCustomNetworkDirectory() {
    assertOnly(broken(VALID.replace("network: preprod", "network: testnet")), "network", 2, 10,
        "must be mainnet, preprod, preview");
    assertOnly(broken(VALID.replace("network: preprod", "network: ./no-such-dir")), "network", 2, 10,
        "does not exist");
  }

  @Test
  void mainnet_requiresTwoRelaysInTwoRegions_testnetsOnlyWarn() {
    String single = VALID.substring(0, VALID.indexOf("relays:"))
        + "relays:\n  - region: eu\n    publicAddress: relays-eu.example.com\n";
    InvalidPoolSpecException e = broken(single.replace("network: preprod", "network: mainnet"));
    assertThat(e.errors()).extracting(Problems.Problem::message)
        .anySatisfy(m -> assertThat(m).contains("at least two relays"))
        .anySatisfy(m -> assertThat(m).contains("at least two regions"));
    LoadedPoolSpec testnet = loader.parse(single, "pool.yaml", dir);
    assertThat(testnet.warnings()).hasSize(2).allMatch(w -> w.severity() == Problems.Severity.WARNING);
  }

  @Test
  void limitsBelowRequests_delayBelowSevenDays_samePorts() {
    InvalidPoolSpecException e = broken(VALID + """
        blockProducer:
          resources:
            requests: {cpu: "4", memory: 32Gi}
            limits: {cpu: "2", memory: 64Gi}
        console:
          destructiveDelay: 6d23h
        ports:
          metrics: 3001
        """);
    assertThat(e.errors()).extracting(Problems.Problem::path).containsExactly(
        "blockProducer.resources.limits.cpu", "console.destructiveDelay", "ports.metrics");
  }

  @Test
  void badFile_reportsEveryErrorAtOnce_inFileOrder() {
    InvalidPoolSpecException e = broken("""
        name: Bad_Name
        network: mainnett
        node:
          version: ten
        registry:
          host: registry.example.com
          private: false
          colour: blue
        relays:
          - region: eu
            count: 0
            publicAddress: "not a host!"
            port: 70000
        upgrade:
          deadlinePerNode: soon
        """);
    assertThat(e.errors()).extracting(p -> p.location().line())
        .containsExactly(1, 2, 4, 7, 8, 11, 12, 13, 15);
    assertThat(e.getMessage().lines()).allMatch(l -> l.matches("pool\\.yaml:\\d+:\\d+: error: .+"));
  }

  // ---- syntax and hostile input ----

  @Test
  void syntaxError_hasItsLine() {
    InvalidPoolSpecException e = broken("name: pool\nnetwork: [mainnet\n");
    assertThat(e.errors()).singleElement().satisfies(p -> {
      assertThat(p.message()).startsWith("not valid YAML");
      assertThat(p.location().line()).isEqualTo(3);
    });
  }

  @Test
  void duplicateKey_isAnError_withBothLines() {
    InvalidPoolSpecException e = broken(VALID + "name: other\n");
    assertOnly(e, "", 15, 1, "duplicate key 'name' (first at line 1)");
  }

  @Test
  void billionLaughs_isRefused_beforeAnyExpansion() {
    StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 10; i++) {
      yaml.append("a").append(i).append(": &a").append(i).append(" [");
      yaml.append(("*a" + (i - 1) + ", ").repeat(9)).append("*a").append(i - 1).append("]\n");
    }
    InvalidPoolSpecException e = broken(yaml.toString());
    assertThat(e.errors()).singleElement().satisfies(p -> assertThat(p.message()).contains("alias"));
  }

  @Test
  void deepNesting_hugeDocuments_andTabs_areRefusedCleanly() {
    assertThat(broken("a: " + "[".repeat(5000)).errors()).hasSize(1);
    assertThat(broken("name: " + "x".repeat(2 * 1024 * 1024)).errors().get(0).message()).contains("limit");
    assertThat(broken("name: pool\n\tnetwork: mainnet\n").errors().get(0).message()).startsWith("not valid YAML");
    assertThat(broken("---\n...\n---\nname: x\n").errors()).isNotEmpty();
  }

  @Test
  void nonUtf8File_andBinaryJunk_areInputErrors() throws Exception {
    Path file = dir.resolve("pool.yaml");
    Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, 'n', 'a'});
    assertThatThrownBy(() -> loader.load(file)).isInstanceOf(InvalidPoolSpecException.class)
        .hasMessageContaining("not UTF-8");
    Files.write(file, "name: \u0000\u0001\u0002".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> loader.load(file)).isInstanceOf(InvalidPoolSpecException.class);
  }

  @Test
  void relativePaths_resolveAgainstTheSpecsDirectory() throws Exception {
    Files.createDirectories(dir.resolve("keys"));
    Files.writeString(dir.resolve("keys/bundle.json"), "{}");
    Files.writeString(dir.resolve("pool.yaml"), VALID + "keys:\n  hotKeyBundle: keys/bundle.json\n");
    LoadedPoolSpec loaded = loader.load(dir.resolve("pool.yaml"));
    assertThat(loaded.warnings()).isEmpty();
    assertThat(loaded.resolve(loaded.spec().keys().hotKeyBundle())).isEqualTo(dir.resolve("keys/bundle.json"));
  }

  private PoolSpec parse(String yaml) {
    return loader.parse(yaml, "pool.yaml", dir).spec();
  }

  private InvalidPoolSpecException broken(String yaml) {
    return catchThrowableOfType(InvalidPoolSpecException.class, () -> loader.parse(yaml, "pool.yaml", dir));
  }

  private static void assertOnly(InvalidPoolSpecException e, String path, int line, int column, String message) {
    assertThat(e).as("expected an error").isNotNull();
    List<Problems.Problem> errors = e.errors();
    assertThat(errors).as(e.getMessage()).hasSize(1);
    Problems.Problem p = errors.get(0);
    assertThat(p.path()).isEqualTo(path);
    assertThat(p.location()).isEqualTo(new SourceLocation(line, column));
    assertThat(p.message()).contains(message);
  }
}
