package io.palisade.operator.k8s;

import static io.palisade.operator.testing.TestPools.NAME;
import static io.palisade.operator.testing.TestPools.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.server.mock.OutputStreamMessage;
import io.fabric8.kubernetes.client.server.mock.StatusMessage;
import io.palisade.gateway.ActionResult;
import io.palisade.gateway.PoolAction;
import io.palisade.gateway.PoolSnapshot;
import io.palisade.gateway.ShellSession;
import io.palisade.operator.model.StakePool;
import io.palisade.operator.model.StakePoolStatus;
import io.palisade.operator.testing.TestPools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What the CRUD mock cannot do: an exec websocket (fabric8's mock server in expectations mode, speaking the exec
 * channel protocol), and an API server that never answers.
 */
class KubernetesGatewayShellTest {
  static final String POD = "block-producer-0";
  static final String EXEC = "/api/v1/namespaces/" + NAMESPACE + "/pods/" + POD + "/exec?command=sh&command=-c"
      + "&command=exec%20sh%20-i%202%3E%261&container=cardano-node&stdin=true&stdout=true";

  // Typed input reaches the exec's stdin channel (0) and the shell's stdout channel (1) comes back as output; the
  // exit status ends the stream and gives the exit code. The pod is not ready: a shell opens all the same (a node
  // that is not ready is the one an operator most wants to look into).
  @Test
  void openShell_execsIntoTheNodesContainer_bytesFlowBothWays() throws Exception {
    KubernetesMockServer server = new KubernetesMockServer(false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    try (KubernetesClient client = server.createClient()) {
      server.expect().get().withPath("/apis/palisade.io/v1/namespaces/" + NAMESPACE + "/stakepools/" + NAME)
          .andReturn(200, poolWithBlockProducer()).always();
      server.expect().get().withPath("/api/v1/namespaces/" + NAMESPACE + "/pods/" + POD)
          .andReturn(200, new PodBuilder().withNewMetadata().withName(POD).withNamespace(NAMESPACE).endMetadata()
              .withNewSpec().addNewContainer().withName("cardano-node").endContainer().addNewContainer()
              .withName("agent").endContainer().endSpec()
              .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("False")
              .endCondition().endStatus().build()).always();
      server.expect().get().withPath(EXEC).andUpgradeToWebSocket()
          .open(new OutputStreamMessage("$ "))
          .expect("\u0000echo hello\n").andEmit(new OutputStreamMessage("hello\n$ ")).once()
          .expect("\u0000exit\n").andEmit(new StatusMessage(0)).once()
          .done().once();

      KubernetesGateway gateway = new KubernetesGateway(client, KubernetesGatewaySettings.of(NAMESPACE, NAME),
          Clock.systemUTC());
      assertThatThrownBy(() -> gateway.openShell("relay-nowhere-0")).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("no node named relay-nowhere-0");
      try (ShellSession shell = gateway.openShell("block-producer")) {
        assertThat(readUntil(shell.output(), "$ ")).isEqualTo("$ ");
        shell.input().write("echo hello\n".getBytes(StandardCharsets.UTF_8));
        shell.input().flush();
        assertThat(readUntil(shell.output(), "hello\n$ ")).isEqualTo("hello\n$ ");
        assertThat(shell.exitCode()).isEmpty();
        shell.input().write("exit\n".getBytes(StandardCharsets.UTF_8));
        shell.input().flush();
        CompletableFuture<byte[]> rest = CompletableFuture.supplyAsync(() -> {
          try {
            return shell.output().readAllBytes();
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
        assertThat(rest.get(10, TimeUnit.SECONDS)).isEmpty();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
            .until(() -> shell.exitCode().equals(OptionalInt.of(0)));
      }
    } finally {
      server.destroy();
    }
  }

  // An API server that accepts connections and never answers: the snapshot says "unreachable" within the client's
  // request timeout (no retries), later views within the cache period answer at once, and actions and shells fail
  // with a message instead of hanging.
  @Test
  void anApiServerThatNeverAnswers_givesAnUnreachableSnapshot_notAHang() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Config config = KubernetesGateway.withTimeouts(new ConfigBuilder(Config.empty())
          .withMasterUrl("http://127.0.0.1:" + silent.getLocalPort()).build());
      config.setRequestTimeout(2_000); // the product waits 10 s; the mechanism is the same, the test is quicker
      try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
        KubernetesGateway gateway = new KubernetesGateway(client, KubernetesGatewaySettings.of(NAMESPACE, NAME),
            Clock.systemUTC());
        CompletableFuture<PoolSnapshot> first = CompletableFuture.supplyAsync(gateway::snapshot);
        PoolSnapshot s = first.get(config.getRequestTimeout() + 10_000L, TimeUnit.MILLISECONDS);
        assertThat(s.connected()).isFalse();
        assertThat(s.nodes()).isEmpty();
        assertThat(s.recentEvents().get(0).message()).contains("unreachable").contains(NAMESPACE + "/" + NAME);
        long start = System.nanoTime();
        assertThat(gateway.snapshot()).isSameAs(s);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));

        ActionResult r = CompletableFuture.supplyAsync(() -> gateway.execute(new PoolAction.AddRelay("region-a")))
            .get(config.getRequestTimeout() + 10_000L, TimeUnit.MILLISECONDS);
        assertThat(r.ok()).isFalse();
        assertThat(r.message()).contains("did not answer");
        assertThatThrownBy(() -> gateway.openShell("block-producer")).isInstanceOf(IOException.class)
            .hasMessageContaining("cannot read the StakePool");
      }
    }
  }

  static StakePool poolWithBlockProducer() {
    return TestPools.withBlockProducerOnly();
  }

  /** Reads until the text read so far ends with {@code end} (or the stream ends), at most ten seconds. */
  static String readUntil(InputStream in, String end) throws Exception {
    return CompletableFuture.supplyAsync(() -> {
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      try {
        int b;
        while ((b = in.read()) >= 0) {
          got.write(b);
          if (got.toString(StandardCharsets.UTF_8).endsWith(end)) {
            break;
          }
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return got.toString(StandardCharsets.UTF_8);
    }).get(10, TimeUnit.SECONDS);
  }
}
