package io.palisade.cli.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How long after an adopted slot `palisade up` looks for its block on the relays' chain. */
class UpChainCheckDelayTest {
  @Test
  void aRealChain_waitsAnHour_theDemosSimulatedChainTwoMinutes() {
    assertThat(UpCommand.chainCheckDelay(false, null)).isEqualTo(Duration.ofHours(1));
    assertThat(UpCommand.chainCheckDelay(true, null)).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void theOperatorsDelay_winsOnEither() {
    assertThat(UpCommand.chainCheckDelay(false, "90m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(UpCommand.chainCheckDelay(true, "10s")).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void aDelayThatIsNoDuration_isInvalidInput() {
    assertThatThrownBy(() -> UpCommand.chainCheckDelay(false, "soon")).isInstanceOf(ExitException.class)
        .hasMessageContaining("--chain-check-after")
        .satisfies(e -> assertThat(((ExitException) e).code()).isEqualTo(ExitCodes.INVALID_INPUT));
    assertThatThrownBy(() -> UpCommand.chainCheckDelay(false, "-5m")).isInstanceOf(ExitException.class)
        .hasMessageContaining("--chain-check-after");
  }
}
