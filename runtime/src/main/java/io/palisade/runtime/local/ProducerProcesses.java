package io.palisade.runtime.local;

import java.util.Optional;

/**
 * What the producer lease needs of the processes of a pool's block producers: whether each runs, its latest
 * {@code forging_enabled}, and the two signals that move credentials. {@link LocalRuntime} is the real one; tests and
 * the failover benchmark drive the real {@link ProducerLeaseKeeper} against simulated ones.
 */
interface ProducerProcesses {
  /** Whether the node's process runs (a stopped, SIGSTOPped process still runs). */
  boolean running(String node);

  /** The node's latest {@code forging_enabled} reading from its current process, empty when unknown. */
  Optional<NodeHealth.ForgingSample> forging(String node);

  /** SIGHUP: the node re-reads its credential files; false when no process runs. */
  boolean hangUp(String node);

  /** SIGKILL, at once. */
  void kill(String node);
}
