package io.palisade.keys.vrf;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.keys.VrfSigningKey;
import io.palisade.keys.VrfVerificationKey;
import io.palisade.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every draft-03 vector of cardano-base ({@code ../shared/vectors/cardano-base-vrf/vrf_ver03_*}): prove is byte-exact,
 * verify accepts and gives beta, the fast output path gives beta too.
 */
class PraosVrfVectorsTest {
  private static final HexFormat HEX = HexFormat.of();

  record Vector(String name, byte[] sk, byte[] pk, byte[] alpha, byte[] pi, byte[] beta) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Vector> ver03() throws IOException {
    Path dir = SharedData.require("vectors/cardano-base-vrf");
    List<Vector> vectors = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("vrf_ver03_")).sorted().toList()) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : Files.readAllLines(f)) {
          int colon = line.indexOf(':');
          if (colon > 0) {
            fields.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
          }
        }
        assertThat(fields.get("ver")).isEqualTo("ietfdraft03");
        String alpha = fields.get("alpha");
        vectors.add(new Vector(f.getFileName().toString(), HEX.parseHex(fields.get("sk")),
            HEX.parseHex(fields.get("pk")), alpha.equals("empty") ? new byte[0] : HEX.parseHex(alpha),
            HEX.parseHex(fields.get("pi")), HEX.parseHex(fields.get("beta"))));
      }
    }
    assertThat(vectors).hasSize(7);
    return vectors.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ver03")
  void proveIsByteExact_verifyAccepts_outputMatches(Vector v) {
    try (VrfSigningKey key = VrfSigningKey.fromSeed(v.sk());
        VrfEvaluator evaluator = VrfEvaluator.of(key)) {
      assertThat(key.verificationKey().bytes()).isEqualTo(v.pk());
      VrfProof proof = evaluator.prove(v.alpha());
      assertThat(proof.hex()).isEqualTo(HEX.formatHex(v.pi()));
      assertThat(proof.output().bytes()).isEqualTo(v.beta());
      assertThat(PraosVrf.verify(new VrfVerificationKey(v.pk()), VrfProof.decode(v.pi()), v.alpha()))
          .hasValueSatisfying(out -> assertThat(out.bytes()).isEqualTo(v.beta()));
      assertThat(evaluator.output(v.alpha()).bytes()).isEqualTo(v.beta());
    }
  }

  /** cncli's test_vrf_eval_certified_compatibility: zero seed, 32 zero bytes of alpha. */
  @Test
  void cncliKnownAnswer() {
    try (VrfSigningKey key = VrfSigningKey.fromSeed(new byte[32])) {
      VrfProof proof = PraosVrf.prove(key, new byte[32]);
      assertThat(proof.output().hex()).isEqualTo("2f9e929479cb32192477b6908a57e6ad748f13a96152ebd67cb6345b2c66b537"
          + "7ebe42828160bd98d29a710f4b4efe3d7a6a1ed49ae9433f5b06c172c11d04a0");
    }
  }
}
