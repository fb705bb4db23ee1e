package io.palisade.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.palisade.keys.kes.KesSigningKey;
import io.palisade.keys.kes.KesVerificationKey;
import io.palisade.testing.SharedData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Byte-for-byte compatibility with files cardano-cli and cardano-base wrote (../shared/vectors). */
class CardanoVectorsTest {
  private static final HexFormat HEX = HexFormat.of();

  @TempDir Path tmp;

  @Test
  void kesAgentColdKey_derivesTheVkeyFileByteForByte() throws Exception {
    Path dir = SharedData.require("vectors/kes-agent-fixtures");
    try (SigningKey cold = SigningKey.read(dir.resolve("cold.skey"))) {
      assertThat(cold.verificationKeyEnvelope().toBytes()).isEqualTo(Files.readAllBytes(dir.resolve("cold.vkey")));
      // Writing the signing key back gives the file cardano-cli wrote.
      assertThat(cold.toEnvelope().toBytes()).isEqualTo(Files.readAllBytes(dir.resolve("cold.skey")));
    }
  }

  @Test
  void kesAgentOpcert_reissuedFromItsInputs_isByteIdentical_andCounterRewrittenAsCardanoCli() throws Exception {
    // The fixture's opcert was issued with counter 7 at KES period 1430; the counter file then said 8.
    Path dir = SharedData.require("vectors/kes-agent-fixtures");
    OperationalCertificate original = OperationalCertificate.read(dir.resolve("opcert.cert"));
    assertThat(original.counter()).isEqualTo(7);
    assertThat(original.kesPeriod()).isEqualTo(1430);
    assertThat(original.verify()).isTrue();
    try (ColdSigningKey cold = (ColdSigningKey) SigningKey.read(dir.resolve("cold.skey"))) {
      Path counter = tmp.resolve("opcert.counter");
      new IssueCounter(7, cold.verificationKey()).write(counter);
      Path out = tmp.resolve("opcert.cert");
      OperationalCertificates.issue(
          cold, KesVerificationKey.read(dir.resolve("kes.vkey")), counter, 1430, out);
      assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(dir.resolve("opcert.cert")));
      assertThat(Files.readAllBytes(counter)).isEqualTo(Files.readAllBytes(dir.resolve("opcert.counter")));
    }
  }

  @Test
  void kesAgentKesSkey_derivesItsVkey() throws Exception {
    Path dir = SharedData.require("vectors/kes-agent-fixtures");
    try (SigningKey kes = SigningKey.read(dir.resolve("kes.skey"))) {
      assertThat(kes).isInstanceOf(KesSigningKey.class);
      assertThat(kes.verificationKeyEnvelope().toBytes()).isEqualTo(Files.readAllBytes(dir.resolve("kes.vkey")));
      assertThat(kes.toEnvelope().toBytes()).isEqualTo(Files.readAllBytes(dir.resolve("kes.skey")));
    }
  }

  @Test
  void kesAgentPoolId_hexAndBech32() {
    Path dir = SharedData.require("vectors/kes-agent-fixtures");
    PoolId id = ColdVerificationKey.read(dir.resolve("cold.vkey")).poolId();
    assertThat(id.hex()).isEqualTo("2315ac6271e841d33136fc0604994ff9a5ed64f72fcc7a9ea30df9dd");
    assertThat(id.bech32()).isEqualTo("pool1yv26ccn3apqaxvfklsrqfx20lxj76e8h9lx8484rphua6x86wm2");
    assertThat(PoolId.parse(id.bech32())).isEqualTo(id);
  }

  @Test
  void cardanoCliGoldenRegistrationCertificate_namesOurPoolIdAndVrfHash() throws Exception {
    // reg-certificate CBOR: 8a 03 581c <operator = pool id> 5820 <vrf key hash> ...
    Path dir = SharedData.require("vectors/cardano-cli-golden");
    byte[] cert = TextEnvelope.read(dir.resolve("golden/shelley/reg-certificate.json")).cbor();
    assertThat(HEX.formatHex(cert, 0, 4)).isEqualTo("8a03581c");
    byte[] operator = Arrays.copyOfRange(cert, 4, 32);
    assertThat(HEX.formatHex(cert, 32, 34)).isEqualTo("5820");
    byte[] vrfHash = Arrays.copyOfRange(cert, 34, 66);

    PoolId id = ColdVerificationKey.read(dir.resolve("input/shelley/node-pool/operator.vkey")).poolId();
    assertThat(id.bytes()).isEqualTo(operator);
    TextEnvelope vrf = TextEnvelope.read(dir.resolve("input/shelley/node-pool/vrf.vkey"));
    VrfVerificationKey vrfVk = new VrfVerificationKey(vrf.rawKey(EnvelopeType.VRF_VERIFICATION_KEY, "vrf.vkey"));
    assertThat(vrfVk.hash()).isEqualTo(vrfHash);
  }

  @Test
  void cardanoBaseVrfVectors_publicKeyDerivedFromSeed() throws Exception {
    Path dir = SharedData.require("vectors/cardano-base-vrf");
    int checked = 0;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("vrf_ver03")).sorted().toList()) {
        Map<String, String> v = Files.readAllLines(f, StandardCharsets.US_ASCII).stream()
            .filter(l -> l.contains(":"))
            .collect(Collectors.toMap(l -> l.substring(0, l.indexOf(':')).trim(),
                l -> l.substring(l.indexOf(':') + 1).trim()));
        try (VrfSigningKey key = VrfSigningKey.fromSeed(HEX.parseHex(v.get("sk")))) {
          assertThat(key.verificationKey().hex()).as(f.getFileName().toString()).isEqualTo(v.get("pk"));
        }
        checked++;
      }
    }
    assertThat(checked).isEqualTo(7);
  }

  @Test
  void cardanoCliGoldenVrfKeyPair_loadsAndMatches() throws Exception {
    Path dir = SharedData.require("vectors/cardano-cli-golden/input/shelley/keys/vrf_keys");
    try (SigningKey vrf = SigningKey.read(dir.resolve("signing_key"))) {
      TextEnvelope expected = TextEnvelope.read(dir.resolve("verification_key"));
      assertThat(vrf.verificationKeyEnvelope().cbor()).isEqualTo(expected.cbor());
    }
  }

  @Test
  void bulkCreds_opcertsVerify_kesKeysMatch_poolIdsAndVrfHashesInGenesis() throws Exception {
    Path dir = SharedData.require("vectors/ouroboros-consensus-bulk-creds");
    ObjectMapper mapper = new ObjectMapper();
    JsonNode creds = mapper.readTree(dir.resolve("bulk-creds-k2.json").toFile());
    JsonNode pools = mapper.readTree(dir.resolve("shelley-genesis.json").toFile()).path("staking").path("pools");
    assertThat(creds.size()).isEqualTo(2);
    for (JsonNode set : creds) {
      OperationalCertificate cert = OperationalCertificate.fromCbor(envelope(set.get(0)).cbor(), "opcert");
      assertThat(cert.verify()).isTrue();
      try (SigningKey vrf = SigningKey.fromEnvelope(envelope(set.get(1)), "vrf");
          SigningKey kes = SigningKey.fromEnvelope(envelope(set.get(2)), "kes")) {
        assertThat(kes.verificationKeyEnvelope().cbor())
            .isEqualTo(cert.kesVerificationKey().toEnvelope().cbor());
        JsonNode pool = pools.get(cert.poolId().hex());
        assertThat(pool).as("genesis has pool " + cert.poolId()).isNotNull();
        VrfVerificationKey vrfVk = ((VrfSigningKey) vrf).verificationKey();
        assertThat(pool.get("vrf").asText()).isEqualTo(HEX.formatHex(vrfVk.hash()));
      }
    }
  }

  @Test
  void legacyGoldenOpcert_signedOverTheOldSignable_doesNotVerify() {
    // The 2020 golden opcert was signed over CBOR, not the current 48 raw bytes: it must be reported invalid.
    Path f = SharedData.require("vectors/cardano-cli-golden/input/shelley/certificates/operational_certificate");
    assertThat(OperationalCertificate.read(f).verify()).isFalse();
  }

  private static TextEnvelope envelope(JsonNode node) {
    return TextEnvelope.parse(node.toString().getBytes(StandardCharsets.UTF_8), "bulk-creds");
  }
}
