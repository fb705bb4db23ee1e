package io.palisade.operator.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.palisade.agent.chain.NodeLogScan;
import io.palisade.agent.chain.RelayChainCheck;
import io.palisade.chain.ChainClock;
import io.palisade.control.ControlEvent;
import io.palisade.control.slots.ChainCheck;
import io.palisade.deploy.model.PoolNames;
import io.palisade.operator.model.SlotBook;
import io.palisade.operator.model.SlotChains;
import io.palisade.operator.model.SlotsView;
import io.palisade.spec.LoadedPoolSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The slot ledger's chain check in a reconcile pass, its I/O around the pure {@link SlotChains}: for each adopted slot
 * whose block is not named yet ({@link SlotChains#logsDue}: when {@link SlotBook} decided it, and again after a read
 * that did not name it), the forging producer pod's {@value PoolNames#CONTAINER_NODE} container
 * log (through the API server, {@code pods/log}: from shortly before the slot, at most {@value #MAX_LOG_BYTES} bytes,
 * closed after {@link #LOG_TIMEOUT}) is scanned for the block it adopted, with the single host's parser (agent's
 * {@link NodeLogScan}); then the checks that are due ask the pool's relays ({@link RelayChainCheck}, node-to-node
 * {@code MsgFindIntersect}). A log that cannot be read, or does not name the block, is read again a little later, a few
 * times, then the slot is left unchecked; a relay that cannot be reached cannot tell. Neither fails the pass, and each
 * is bounded: a few slots a pass, and once the relays could not tell for one slot the others wait for a later pass (a
 * pass waits at most the relays' deadlines).
 */
final class SlotChainPass {
  /** At most this much of the log is read for one slot. */
  static final int MAX_LOG_BYTES = 8 << 20;
  /** A log read is cut off after this long. */
  static final Duration LOG_TIMEOUT = Duration.ofSeconds(10);
  /** The log is read from this long before the slot's start (clock skew, a late line). */
  static final Duration LOG_MARGIN = Duration.ofMinutes(1);
  /** At most this many log reads and this many relay questions a pass; the rest wait for the next passes. */
  static final int MAX_PER_PASS = 3;

  private static final Logger LOG = LoggerFactory.getLogger(SlotChainPass.class);
  /** Closes a log stream whose read outlived its deadline (a blocked read ends with the close). */
  private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "palisade-log-deadline");
    t.setDaemon(true);
    return t;
  });

  private SlotChainPass() {}

  /**
   * One pass of the chain check.
   *
   * @param client the client
   * @param checks when and whom to ask
   * @param loaded the pool
   * @param clusterDomain the cluster's DNS domain
   * @param forger the forging producer's running pod, or null when none runs
   * @param step the ledger's pass
   * @param chain the chain's clock
   * @param now the time of the pass
   * @return the ledger, the events of the blocks not on the chain, the next question's time
   */
  static SlotChains.Step run(KubernetesClient client, ChainChecks checks, LoadedPoolSpec loaded, String clusterDomain,
      Pod forger, SlotBook.Step step, ChainClock chain, Instant now) {
    SlotsView view = step.view();
    List<Long> reads = forger == null ? List.of() : SlotChains.logsDue(view, now);
    if (!reads.isEmpty()) {
      Map<Long, Optional<String>> named = new LinkedHashMap<>();
      for (long slot : reads.stream().limit(MAX_PER_PASS).toList()) {
        named.put(slot, logged(client, forger, slot, chain, now));
      }
      view = SlotChains.withLogReads(view, named, now);
    }
    List<SlotChains.Question> due = SlotChains.due(view, now, checks.after(), chain);
    Map<Long, ChainCheck> answers = new LinkedHashMap<>();
    if (!due.isEmpty()) {
      List<InetSocketAddress> relays = relays(checks, loaded, clusterDomain);
      RelayChainCheck ask = new RelayChainCheck(() -> relays, loaded.genesis().networkMagic(), checks.relayTimeout());
      for (SlotChains.Question q : due.stream().limit(MAX_PER_PASS).toList()) {
        // agent's answer in control's words (agent does not depend on control); none: the relays cannot tell.
        ChainCheck answer = ask.check(q.slot(), q.blockHash()).map(a -> a == RelayChainCheck.Answer.ON_CHAIN
            ? ChainCheck.ON_CHAIN : ChainCheck.NOT_ON_CHAIN).orElse(ChainCheck.UNCHECKED);
        answers.put(q.slot(), answer);
        if (answer == ChainCheck.UNCHECKED) {
          break; // relays that cannot tell now would not for the next slot either: the pass waits on them once
        }
      }
    }
    return SlotChains.apply(view, answers, chain, now, checks.after());
  }

  private static List<InetSocketAddress> relays(ChainChecks checks, LoadedPoolSpec loaded, String clusterDomain) {
    try {
      return List.copyOf(checks.relays().of(loaded.spec(), clusterDomain));
    } catch (RuntimeException e) {
      LOG.warn("the pool's relays' addresses: {}", e.toString());
      return List.of(); // no relay to ask: they cannot tell
    }
  }

  /** The block the pod's node logged as adopted in {@code slot}, if its log (what is read of it) names one. */
  static Optional<String> logged(KubernetesClient client, Pod pod, long slot, ChainClock chain, Instant now) {
    long since = Math.max(1, Duration.between(chain.startOfSlot(slot).minus(LOG_MARGIN), now).getSeconds());
    InputStream in = null;
    ScheduledFuture<?> deadline = null;
    try {
      in = client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
          .inContainer(PoolNames.CONTAINER_NODE).withReadyWaitTimeout(0).limitBytes(MAX_LOG_BYTES)
          .sinceSeconds((int) Math.min(Integer.MAX_VALUE, since)).getLogInputStream();
      InputStream stream = in;
      deadline = DEADLINES.schedule(() -> close(stream), LOG_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return NodeLogScan.adoptedAt(in, slot, MAX_LOG_BYTES, false);
    } catch (IOException | UncheckedIOException | KubernetesClientException e) {
      LOG.info("the log of {} did not say which block was adopted in slot {}: {}", pod.getMetadata().getName(), slot,
          e.toString());
      return Optional.empty();
    } finally {
      if (deadline != null) {
        deadline.cancel(false);
      }
      close(in);
    }
  }

  private static void close(InputStream in) {
    if (in == null) {
      return;
    }
    try {
      in.close();
    } catch (IOException e) {
      // Closing is best effort: the read is over either way.
    }
  }
}
