package io.palisade.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.spec.binding.DurationText;
import java.math.BigDecimal;
import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Versions, image references, quantities, durations and host names. */
class ValueTypesTest {
  @Test
  void nodeVersions_orderPreReleasesBeforeReleases() {
    assertThat(NodeVersion.parse("10.6.0-pre")).isLessThan(NodeVersion.parse("10.6.0"));
    assertThat(NodeVersion.parse("10.5.3")).isLessThan(NodeVersion.parse("10.10.0"));
    assertThat(NodeVersion.parse("10.5.3").atLeast(10, 5)).isTrue();
    assertThat(NodeVersion.parse("8.1.2").toString()).isEqualTo("8.1.2");
    for (String bad : new String[] {"", "10", "10.5", "v10.5.3", "10.5.x", "10. 5.3", "1.2.3-" + "x".repeat(40)}) {
      assertThatThrownBy(() -> NodeVersion.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void imageRefs_needARegistryHostAndASha256Digest() {
    String digest = "sha256:" + "0123456789abcdef".repeat(4);
    ImageRef ref = ImageRef.parse("registry.example.com:5000/palisade/cardano-node:10.5.3@" + digest);
    assertThat(ref.registry()).isEqualTo("registry.example.com:5000");
    assertThat(ref.repository()).isEqualTo("palisade/cardano-node");
    assertThat(ref.tag()).contains("10.5.3");
    assertThat(ref.pinned()).isEqualTo("registry.example.com:5000/palisade/cardano-node@" + digest);
    assertThatThrownBy(() -> ImageRef.parse("cardano-node@" + digest)).hasMessageContaining("REGISTRY");
    assertThatThrownBy(() -> ImageRef.parse("inputoutput/cardano-node@" + digest)).hasMessageContaining("registry host");
    assertThatThrownBy(() -> ImageRef.parse("r.example.com/a:latest")).hasMessageContaining("pinned by digest");
    assertThatThrownBy(() -> ImageRef.parse("r.example.com/a@sha256:ABC")).hasMessageContaining("64 lower-case hex");
    assertThatThrownBy(() -> ImageRef.parse("r.example.com/a@md5:" + "0".repeat(32))).hasMessageContaining("sha256");
  }

  @Test
  void quantities_compareAcrossSuffixes() {
    assertThat(Quantity.parse("1Gi").value()).isEqualTo(BigDecimal.valueOf(1L << 30));
    assertThat(Quantity.parse("500m")).isLessThan(Quantity.parse("1"));
    assertThat(Quantity.parse("1G")).isLessThan(Quantity.parse("1Gi"));
    for (String bad : new String[] {"", "1GB", "-1", "1.", "Gi", "1 Gi"}) {
      assertThatThrownBy(() -> Quantity.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void durations_acceptShortAndIsoForms() {
    assertThat(DurationText.parse("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(DurationText.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(DurationText.parse("7d")).isEqualTo(Duration.ofDays(7));
    assertThat(DurationText.parse("PT2H")).isEqualTo(Duration.ofHours(2));
    for (String bad : new String[] {"", "2 h", "h", "1w", "PT-1H", "30m1h", "99999999999999999999d"}) {
      assertThatThrownBy(() -> DurationText.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Property
  void durations_roundTripThroughTheShortForm(@ForAll @LongRange(min = 0, max = 10_000_000_000L) long seconds) {
    Duration d = Duration.ofSeconds(seconds);
    assertThat(DurationText.parse(DurationText.format(d))).isEqualTo(d);
  }

  @Test
  void hostNames_acceptDnsAndIpLiterals_only() {
    assertThat(HostName.isValid("relays-eu.pool.example")).isTrue();
    assertThat(HostName.isValid("203.0.113.7")).isTrue();
    assertThat(HostName.isValid("2001:db8::1")).isTrue();
    assertThat(HostName.isValid("999.1.1.1")).isFalse();
    assertThat(HostName.isValid("not a host")).isFalse();
    assertThat(HostName.isValid("-bad.example")).isFalse();
    assertThat(HostName.isValid("a".repeat(64) + ".example")).isFalse();
  }
}
