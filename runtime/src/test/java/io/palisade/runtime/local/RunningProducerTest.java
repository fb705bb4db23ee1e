package io.palisade.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A running node's command line is read whole, also when it is too long for ProcessHandle.Info. */
class RunningProducerTest {
  @Test
  void arguments_ofALongCommandLine_areReadFromProc() throws Exception {
    String longArg = "x".repeat(20_000);
    Process p = new ProcessBuilder("sh", "-c", "read line", longArg, "--shelley-vrf-key", "/k/vrf.skey").start();
    try {
      assertThat(RunningProducer.arguments(p.toHandle())).hasValueSatisfying(args -> assertThat(args)
          .containsSubsequence(List.of("-c", "read line", longArg, "--shelley-vrf-key", "/k/vrf.skey")));
    } finally {
      p.destroy();
      p.waitFor();
    }
  }
}
