package io.palisade.console.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.console.testing.Databases;
import io.palisade.console.testing.Domain;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Throttling on H2 and PostgreSQL: locks at the threshold, doubles, expires, forgets, and is per key. */
class LoginThrottleTest {
  @ParameterizedTest
  @MethodSource("io.palisade.console.testing.Databases#both")
  void locksDoublesAndExpires(Databases.Kind kind) {
    try (Domain d = Domain.on(Databases.open(kind))) {
      String key = LoginThrottle.userKey(" Alice ");
      assertThat(key).isEqualTo("user:alice");
      for (int i = 1; i < LoginThrottle.USER_THRESHOLD; i++) {
        assertThat(d.throttle.failure(key, LoginThrottle.USER_THRESHOLD)).isEmpty();
      }
      assertThat(d.throttle.lockedUntil(key)).isEmpty();
      assertThat(d.throttle.failure(key, LoginThrottle.USER_THRESHOLD)).isPresent();
      assertThat(d.throttle.lockedUntil(key)).hasValueSatisfying(t ->
          assertThat(Duration.between(d.clock.instant(), t)).isBetween(Duration.ofSeconds(55), Duration.ofMinutes(1)));
      assertThat(d.throttle.lockedUntil(LoginThrottle.userKey("bob"))).isEmpty();
      d.clock.advance(Duration.ofSeconds(61));
      assertThat(d.throttle.lockedUntil(key)).isEmpty();
      assertThat(d.throttle.failure(key, LoginThrottle.USER_THRESHOLD)).hasValueSatisfying(t ->
          assertThat(Duration.between(d.clock.instant(), t)).isBetween(Duration.ofSeconds(115), Duration.ofMinutes(2)));
      d.throttle.success(key);
      assertThat(d.throttle.lockedUntil(key)).isEmpty();
      // A quiet hour starts the count again.
      for (int i = 1; i < LoginThrottle.USER_THRESHOLD; i++) {
        d.throttle.failure(key, LoginThrottle.USER_THRESHOLD);
      }
      d.clock.advance(LoginThrottle.FORGET_AFTER.plusMinutes(1));
      assertThat(d.throttle.failure(key, LoginThrottle.USER_THRESHOLD)).isEmpty();
    }
  }

  @Test
  void lockLengthDoublesUpToAnHour() {
    assertThat(LoginThrottle.lockLength(0)).isEqualTo(Duration.ofMinutes(1));
    assertThat(LoginThrottle.lockLength(3)).isEqualTo(Duration.ofMinutes(8));
    assertThat(LoginThrottle.lockLength(6)).isEqualTo(Duration.ofHours(1));
    assertThat(LoginThrottle.lockLength(1000)).isEqualTo(Duration.ofHours(1));
  }
}
