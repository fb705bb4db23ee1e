package io.palisade.operator.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConflictRetryTest {
  static KubernetesClientException http(int code) {
    return new KubernetesClientException("HTTP " + code, code, null);
  }

  @Test
  void conflicts_areTriedAgainWithAFreshRead() {
    AtomicInteger calls = new AtomicInteger();
    String result = ConflictRetry.run(() -> {
      if (calls.incrementAndGet() < 3) {
        throw http(409);
      }
      return "written";
    });
    assertThat(result).isEqualTo("written");
    assertThat(calls).hasValue(3);
  }

  @Test
  void otherFailures_areNotRetried() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(() -> ConflictRetry.run(() -> {
      calls.incrementAndGet();
      throw http(403);
    })).isInstanceOf(KubernetesClientException.class).hasMessageContaining("403");
    assertThat(calls).hasValue(1);
  }

  @Test
  void aConflictThatPersists_isReportedAfterTheLastAttempt() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(() -> ConflictRetry.run(() -> {
      calls.incrementAndGet();
      throw http(409);
    })).isInstanceOf(KubernetesClientException.class);
    assertThat(calls).hasValue(ConflictRetry.ATTEMPTS);
  }
}
