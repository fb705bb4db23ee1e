package io.palisade.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.agent.KesWarning;
import io.palisade.chain.ChainClock;
import io.palisade.chain.GenesisParameters;
import io.palisade.chain.KnownNetwork;
import io.palisade.keys.bundle.DemoKeys;
import io.palisade.keys.bundle.HotKeyBundle;
import io.palisade.keys.bundle.HotKeys;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The KESExpiring condition's judgement, from the hot-key Secret's public node.cert and the chain clock. */
class KesCheckTest {
  static final GenesisParameters PREVIEW = KnownNetwork.PREVIEW.genesis();
  static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  @TempDir Path dir;

  Map<String, String> secretData() {
    DemoKeys.Result r = DemoKeys.create(dir, PREVIEW, Clock.fixed(T0, ZoneOffset.UTC));
    try (HotKeys keys = HotKeyBundle.open(r.bundle(), r.readPassphrase(), Optional.empty())) {
      return Map.of("node.cert", Base64.getEncoder().encodeToString(keys.textEnvelopes().get("node.cert")));
    }
  }

  @Test
  void freshCertificate_isValid_thenWarnsAsExpiryNears_thenExpired() {
    Map<String, String> data = secretData();
    KesCheck now = KesCheck.of(data, PREVIEW, T0);
    assertThat(now.warning()).isEqualTo(KesWarning.NONE);
    Instant expiry = now.expiresAt();
    assertThat(expiry).isEqualTo(new ChainClock(PREVIEW, Clock.fixed(T0, ZoneOffset.UTC))
        .opcertExpiry(new ChainClock(PREVIEW, Clock.fixed(T0, ZoneOffset.UTC)).kesPeriodAt(T0)));
    assertThat(KesCheck.of(data, PREVIEW, expiry.minus(Duration.ofDays(3))).warning())
        .isEqualTo(KesWarning.WITHIN_5_DAYS);
    KesCheck expired = KesCheck.of(data, PREVIEW, expiry.plusSeconds(1));
    assertThat(expired.warning()).isEqualTo(KesWarning.EXPIRED);
    assertThat(expired.message()).contains("cannot forge");
  }

  @Test
  void noCertificate_orGarbage_isUnknown() {
    assertThat(KesCheck.of(null, PREVIEW, T0).warning()).isNull();
    KesCheck garbage = KesCheck.of(Map.of("node.cert", Base64.getEncoder().encodeToString("{not json".getBytes())),
        PREVIEW, T0);
    assertThat(garbage.warning()).isNull();
    assertThat(garbage.message()).contains("cannot read node.cert");
    assertThat(KesCheck.of(Map.of("node.cert", "%%%"), PREVIEW, T0).warning()).isNull();
  }
}
