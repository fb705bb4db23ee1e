package io.palisade.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The dashboard's polls do not keep an unattended session alive. */
class IdleSessionsTest {
  @Test
  void onlyTheLiveDataGetIsABackgroundRequest() {
    assertThat(IdleSessions.background("GET", "/dashboard.json")).isTrue();
    assertThat(IdleSessions.background("POST", "/dashboard.json")).isFalse();
    assertThat(IdleSessions.background("GET", "/")).isFalse();
    assertThat(IdleSessions.background("GET", "/dashboard.json/x")).isFalse();
  }

  @Test
  void aSessionExpiresAfterTheIdleTimeoutWithoutActivity_whateverPolledMeanwhile() {
    Duration idle = Duration.ofMinutes(15);
    long t = 1_000_000_000L;
    assertThat(IdleSessions.expired(null, t, idle)).isFalse();
    assertThat(IdleSessions.expired(t, t + idle.toMillis(), idle)).isFalse();
    assertThat(IdleSessions.expired(t, t + idle.toMillis() + 1, idle)).isTrue();
  }
}
