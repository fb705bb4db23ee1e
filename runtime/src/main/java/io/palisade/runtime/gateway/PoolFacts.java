package io.palisade.runtime.gateway;

import io.palisade.chain.ChainClock;
import io.palisade.gateway.PoolIdentity;
import io.palisade.runtime.local.DataDir;
import io.palisade.runtime.local.PoolRecord;
import io.palisade.spec.LoadedPoolSpec;
import io.palisade.spec.PoolSpecLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * What the console's gateway learns once from a pool's data directory and the pool.yaml it names ({@code pool.json}):
 * whether the runtime runs simulated nodes (pool.yaml names no {@code node.binary}) and the chain's clock, for the
 * times of leader slots. A pool.yaml that cannot be read leaves both unknown; the rest of the snapshot does not depend
 * on them.
 *
 * @param nodes simulated or real nodes, or unknown
 * @param chain the pool's chain clock, if its genesis could be read
 */
record PoolFacts(PoolIdentity.Nodes nodes, Optional<ChainClock> chain) {
  static final PoolFacts UNKNOWN = new PoolFacts(PoolIdentity.Nodes.UNKNOWN, Optional.empty());

  /**
   * @param dataDir the runtime's data directory
   * @param clock the chain clock's clock
   * @return what pool.json and its pool.yaml tell, or {@link #UNKNOWN}
   */
  static PoolFacts read(Path dataDir, Clock clock) {
    if (!Files.isDirectory(dataDir)) {
      return UNKNOWN; // never create it: the runtime owns it
    }
    try {
      DataDir dir = new DataDir(dataDir);
      Optional<PoolRecord> pool = dir.read(dir.poolFile(), PoolRecord.class);
      if (pool.isEmpty() || pool.get().spec() == null) {
        return UNKNOWN;
      }
      LoadedPoolSpec loaded = new PoolSpecLoader().load(Path.of(pool.get().spec()));
      boolean simulated = loaded.spec().node() == null || loaded.spec().node().binary() == null;
      return new PoolFacts(simulated ? PoolIdentity.Nodes.SIMULATED : PoolIdentity.Nodes.CARDANO_NODE,
          Optional.of(new ChainClock(loaded.genesis(), clock)));
    } catch (IOException | RuntimeException e) {
      return UNKNOWN; // a moved or edited pool.yaml: the banner says "unknown", the slots come without times
    }
  }
}
