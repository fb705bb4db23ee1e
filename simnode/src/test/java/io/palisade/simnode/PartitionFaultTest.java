package io.palisade.simnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.palisade.ouroboros.ChainTip;
import io.palisade.ouroboros.n2n.NodeToNodeClient;
import io.palisade.ouroboros.n2n.NodeToNodeResponder;
import io.palisade.ouroboros.n2n.NodeToNodeServer;
import io.palisade.simnode.forge.BlockOutcome;
import io.palisade.simnode.forge.ForgedBlock;
import io.palisade.simnode.testing.NodeFiles;
import io.palisade.simnode.testing.ObserverScrape;
import io.palisade.simnode.testing.ProducerFixture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The network-partition fault on a simulated block producer: cut off, it answers no scrape but its own host's (the
 * control plane's times out), refuses node-to-node connections, reaches no peer and stops following the chain, while
 * its process runs on and its forge loop goes on forging on its own fork; healed, it is reachable and catches up.
 */
class PartitionFaultTest {
  static final Duration SHORT = Duration.ofMillis(800);

  @TempDir Path dir;
  ProducerFixture f;

  @AfterEach
  void tearDown() {
    if (f != null) {
      f.close();
    }
  }

  @Test
  void aPartitionedProducer_isCutOffButForgesOn_andHealingBringsItBack() throws Exception {
    try (NodeToNodeServer peer = NodeToNodeServer.start(new InetSocketAddress("127.0.0.1", 0),
        new NodeToNodeResponder(ProducerFixture.MAGIC, () -> ChainTip.ORIGIN))) {
      f = new ProducerFixture(dir);
      NodeFiles.topology(dir, peer.address().getPort());
      SimNode node = f.start();
      f.advanceTo(f.chain.slotAt(f.clock.instant()) + 5);
      int metrics = node.metricsPort();
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        assertThat(node.nodeToNodePort()).isPositive();
        assertThat(node.snapshot().hotPeers()).isEqualTo(1);
      });
      assertThat(ObserverScrape.get("127.0.0.1", metrics, Duration.ofSeconds(5))).contains("forging_enabled");
      int n2n = node.nodeToNodePort();

      Files.writeString(f.faults, "{\"partitioned\": true, \"reachableFrom\": [\"" + ObserverScrape.OBSERVER + "\"]}");
      await().atMost(Duration.ofSeconds(10)).until(() -> node.faults().partitioned() && node.nodeToNodePort() == -1);
      // The control plane's scrape (from 127.0.0.1) gets no answer: a timeout, not a refusal or an error status.
      assertThatThrownBy(() -> ObserverScrape.get("127.0.0.1", metrics, SHORT))
          .isInstanceOf(SocketTimeoutException.class);
      // The node's own host still reads it: it still forges.
      assertThat(ObserverScrape.forgingEnabled(metrics, Duration.ofSeconds(5))).contains(1);
      assertThatThrownBy(() -> new NodeToNodeClient(new InetSocketAddress("127.0.0.1", n2n), ProducerFixture.MAGIC,
          SHORT).queryVersions()).isInstanceOf(IOException.class);
      assertThat(node.nodeToClientOpen()).as("a local socket is not on the network").isTrue();
      assertThat(node.snapshot().hotPeers()).as("it reaches no peer").isZero();

      long frozen = node.snapshot().tipSlot();
      long cutAt = f.chain.slotAt(f.clock.instant());
      f.advanceTo(cutAt + 120);
      NodeSnapshot cut = node.snapshot();
      assertThat(cut.tipSlot()).as("no block reaches it: its tip stays").isEqualTo(frozen);
      assertThat(cut.expectedSlot() - cut.tipSlot()).isGreaterThanOrEqualTo(120);
      List<ForgedBlock> forgedCut = node.forgedBlocks().stream().filter(b -> b.slot() > cutAt).toList();
      assertThat(forgedCut).as("a cut-off producer forges on, on its own fork").isNotEmpty()
          .allSatisfy(b -> assertThat(b.outcome()).isNotEqualTo(BlockOutcome.INVALID))
          .allSatisfy(b -> assertThat(b.propagated()).as("its peers never get it").isFalse());

      Files.writeString(f.faults, "{}");
      await().atMost(Duration.ofSeconds(10)).until(() -> !node.faults().partitioned());
      assertThat(ObserverScrape.get("127.0.0.1", metrics, Duration.ofSeconds(5))).contains("forging_enabled");
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        assertThat(node.nodeToNodePort()).isPositive();
        assertThat(node.snapshot().hotPeers()).isEqualTo(1);
      });
      f.advanceTo(f.chain.slotAt(f.clock.instant()) + 1);
      assertThat(node.snapshot().tipSlot()).as("caught up after the heal").isGreaterThan(frozen);
      assertThat(f.log()).contains("Network partitioned: no peer reachable").contains("forge loop goes on")
          .contains("Network partition healed");
    }
  }

  @Test
  void withoutReachableFrom_nobodyGetsAnAnswer_andDroppedRequestsHoldNoWorker() throws Exception {
    f = new ProducerFixture(dir);
    Files.writeString(f.faults, "{\"partitioned\": true}");
    SimNode node = f.start();
    assertThat(node.faults().partitioned()).as("read at start: a restarted node is still cut off").isTrue();
    int metrics = node.metricsPort();
    // More requests than the server has worker threads (4): each is dropped without holding one.
    for (int i = 0; i < 6; i++) {
      assertThatThrownBy(() -> ObserverScrape.get(ObserverScrape.OBSERVER, metrics, Duration.ofMillis(300)))
          .isInstanceOf(SocketTimeoutException.class);
    }
    Files.writeString(f.faults, "{\"partitioned\": true, \"reachableFrom\": [\"127.0.0.2\"]}");
    await().atMost(Duration.ofSeconds(10)).until(() -> node.faults().reachableFrom().contains("127.0.0.2"));
    assertThat(ObserverScrape.get(ObserverScrape.OBSERVER, metrics, Duration.ofSeconds(5))).contains("200");
  }
}
