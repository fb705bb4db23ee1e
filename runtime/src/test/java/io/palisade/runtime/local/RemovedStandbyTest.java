package io.palisade.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.control.ControlState;
import io.palisade.control.DesiredPool;
import io.palisade.control.StateJson;
import io.palisade.control.lease.Handover;
import io.palisade.control.lease.LeaseState;
import io.palisade.control.lease.ProducerLease;
import io.palisade.spec.LoadedPoolSpec;
import io.palisade.spec.PoolSpecLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standby taken out of pool.yaml, as {@code up} opens the pool: refused (exit 3 in the CLI) while the standby holds
 * the lease or a move runs; otherwise the former standby leaves the control state, its credentials directory goes, and
 * the lease keeps its holder and token without a queued switchover.
 */
class RemovedStandbyTest {
  static final Instant T0 = Instant.parse("2026-12-03T14:00:00Z");
  static final String STANDBY = "block-producer-standby";

  @TempDir Path dir;

  LoadedPoolSpec withStandby() throws IOException {
    Path file = dir.resolve("standby.yaml");
    Files.writeString(file, TestPools.SPEC.replace("  name: block-producer\n",
        "  name: block-producer\n  standby:\n    name: " + STANDBY + "\n"));
    return new PoolSpecLoader().load(file);
  }

  /** A data directory left by a pool with a standby: its control state, the lease given, a credentials directory. */
  DataDir leftByAStandbyPool(LeaseState lease) throws IOException {
    DataDir d = new DataDir(dir.resolve("data"));
    d.write(d.stateFile(), ControlState.initial(DesiredPool.fromSpec(withStandby().spec())));
    d.write(d.leaseFile(), lease);
    Path creds = HotKeySetup.directoryFor(d.root(), "test").resolve("producers").resolve(STANDBY);
    Files.createDirectories(creds);
    Files.createSymbolicLink(creds.resolve("kes.skey"), dir.resolve("installed-kes.skey"));
    return d;
  }

  @Test
  void whileTheStandbyHoldsTheLease_upRefuses_withTheWayOut_andChangesNothing() throws IOException {
    LeaseState held = new LeaseState(new ProducerLease(STANDBY, 4, T0), null, null);
    DataDir d = leftByAStandbyPool(held);
    assertThatThrownBy(() -> LocalPool.open(TestPools.options(TestPools.spec(dir), d.root())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(STANDBY + " holds the producer lease (token 4)")
        .hasMessageContaining("palisade producer switchover --wait");
    assertThat(d.read(d.leaseFile(), LeaseState.class)).contains(held);
    assertThat(HotKeySetup.directoryFor(d.root(), "test").resolve("producers").resolve(STANDBY)).exists();
    HotKeySetup.remove(HotKeySetup.directoryFor(d.root(), "test"));
  }

  @Test
  void whileAMoveRuns_upRefuses() throws IOException {
    LeaseState moving = new LeaseState(new ProducerLease("block-producer", 2, T0),
        new Handover("block-producer", STANDBY, Handover.Kind.SWITCHOVER, T0), null);
    DataDir d = leftByAStandbyPool(moving);
    assertThatThrownBy(() -> LocalPool.open(TestPools.options(TestPools.spec(dir), d.root())))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("is in progress");
    HotKeySetup.remove(HotKeySetup.directoryFor(d.root(), "test"));
  }

  @Test
  void withTheLeaseOnTheBlockProducer_theStandbyLeavesTheState_itsCredentialsGo_andTheTokenStays()
      throws IOException {
    DataDir d = leftByAStandbyPool(new LeaseState(new ProducerLease("block-producer", 3, T0), null, T0));
    Path creds = HotKeySetup.directoryFor(d.root(), "test").resolve("producers").resolve(STANDBY);
    LocalPool pool = LocalPool.open(TestPools.options(TestPools.spec(dir), d.root()));
    try {
      assertThat(creds).doesNotExist();
      ControlState state = StateJson.MAPPER.readValue(d.stateFile().toFile(), ControlState.class);
      assertThat(state.members()).extracting(m -> m.name()).doesNotContain(STANDBY).contains("block-producer");
      assertThat(d.read(d.leaseFile(), LeaseState.class)).contains(new LeaseState(new ProducerLease("block-producer",
          3, T0), null, null));
    } finally {
      pool.release();
      HotKeySetup.remove(HotKeySetup.directoryFor(d.root(), "test"));
    }
  }
}
