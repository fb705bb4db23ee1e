package io.palisade.ouroboros.n2n;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.ouroboros.ChainTip;
import io.palisade.ouroboros.Point;
import io.palisade.ouroboros.ProtocolException;
import io.palisade.ouroboros.handshake.HandshakeMessage.ProposeVersions;
import io.palisade.ouroboros.handshake.HandshakeMessage.Refuse;
import io.palisade.ouroboros.handshake.HandshakeMessage.VersionMismatch;
import io.palisade.ouroboros.handshake.HandshakeMessage;
import io.palisade.ouroboros.handshake.HandshakeRefusedException;
import io.palisade.ouroboros.mux.MiniProtocol;
import io.palisade.ouroboros.mux.MuxChannel;
import io.palisade.ouroboros.mux.MuxHeader;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The client against the responder over loopback, and the client against peers that misbehave. */
@Timeout(30)
class NodeToNodeProtocolTest {
  private static final long PREVIEW = 2;
  private static final Duration SHORT = Duration.ofMillis(700);

  private final AtomicReference<ChainTip> tip =
      new AtomicReference<>(new ChainTip(Point.of(90_000_123, "0f".repeat(32)), 3_456_789));
  private NodeToNodeServer server;

  @BeforeEach
  void start() throws IOException {
    server = NodeToNodeServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        new NodeToNodeResponder(PREVIEW, tip::get));
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  private NodeToNodeClient client(long magic) {
    return new NodeToNodeClient(server.address(), magic, Duration.ofSeconds(5));
  }

  @Test
  void query_returnsTheVersionTable_withOurMagic() throws Exception {
    var versions = client(PREVIEW).queryVersions();
    assertThat(versions).containsOnlyKeys(14, 15, 16);
    assertThat(versions.values()).allSatisfy(d -> assertThat(d.networkMagic()).isEqualTo(PREVIEW));
  }

  @Test
  void readTip_negotiatesTheHighestVersion_andReadsTheTip() throws Exception {
    NodeToNodeClient.TipAnswer answer = client(PREVIEW).readTip();
    assertThat(answer.version()).isEqualTo(16);
    assertThat(answer.tip()).isEqualTo(tip.get());
    tip.set(ChainTip.ORIGIN);
    assertThat(client(PREVIEW).readTip().tip()).isEqualTo(ChainTip.ORIGIN);
  }

  @Test
  void findIntersect_saysWhetherABlockIsOnThePeersChain() throws Exception {
    // A node that knows an older block of its chain besides the tip: what a relay is asked of our pool's block.
    Point older = Point.of(90_000_100, "aa".repeat(32));
    Point elsewhere = Point.of(90_000_100, "bb".repeat(32));
    Point future = Point.of(90_000_200, "cc".repeat(32));
    try (NodeToNodeServer node = NodeToNodeServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        new NodeToNodeResponder(PREVIEW, tip::get, p -> p.equals(older) || p.equals(future)))) {
      NodeToNodeClient c = new NodeToNodeClient(node.address(), PREVIEW, Duration.ofSeconds(5));
      assertThat(c.findIntersect(List.of(older)).found()).contains(older);
      assertThat(c.findIntersect(List.of(older)).tip()).isEqualTo(tip.get());
      // Another block in that slot (a fork's): not on its chain.
      assertThat(c.findIntersect(List.of(elsewhere)).found()).isEmpty();
      // The newest point on the chain wins, the tip included.
      assertThat(c.findIntersect(List.of(elsewhere, tip.get().point(), older)).found()).contains(tip.get().point());
      assertThat(c.findIntersect(List.of(elsewhere, older)).found()).contains(older);
      // Never a point past the tip, whatever the node believes: a chain does not hold a block it has not reached.
      assertThat(c.findIntersect(List.of(future)).found()).isEmpty();
      tip.set(ChainTip.ORIGIN);
      assertThat(c.findIntersect(List.of(older)).found()).isEmpty();
      assertThatThrownBy(() -> c.findIntersect(java.util.Collections.nCopies(NodeToNodeClient.MAX_POINTS + 1, older)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void wrongMagic_isRefused_asAMagicMismatch() {
    assertThatThrownBy(() -> client(764824073).queryVersions())
        .isInstanceOfSatisfying(HandshakeRefusedException.class, e -> {
          assertThat(e.magicMismatch()).isTrue();
          assertThat(e.getMessage()).contains("version data mismatch").contains("764824073");
        });
    assertThatThrownBy(() -> client(1).readTip()).isInstanceOf(HandshakeRefusedException.class);
  }

  @Test
  void olderResponder_acceptsTheCommonVersion() throws Exception {
    try (var v14Only = NodeToNodeServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        new NodeToNodeResponder(PREVIEW, tip::get, Set.of(14), Duration.ofSeconds(2), Duration.ofSeconds(2)))) {
      var answer = new NodeToNodeClient(v14Only.address(), PREVIEW, Duration.ofSeconds(5)).readTip();
      assertThat(answer.version()).isEqualTo(14);
    }
  }

  @Test
  void noCommonVersion_isRefusedWithTheResponderVersions() {
    var responder = new NodeToNodeResponder(PREVIEW, tip::get);
    var onlyUnknown = new ProposeVersions<NodeToNodeVersionData>(new TreeMap<>(Map.of()));
    assertThat(responder.negotiate(onlyUnknown)).isEqualTo(new Refuse<>(new VersionMismatch(List.of(14, 15, 16))));
  }

  @Test
  void rawSession_findIntersectAtTheTip_keepAlive_thenDone() throws Exception {
    try (MuxChannel ch = new MuxChannel(new Socket(server.address().getAddress(), server.address().getPort()), true)) {
      ch.send(MiniProtocol.HANDSHAKE, NodeToNodeHandshake.CODEC.encode(NodeToNodeHandshake.proposal(PREVIEW, false)));
      assertThat(NodeToNodeHandshake.CODEC.decode(ch.receive(MiniProtocol.HANDSHAKE, 5760, SHORT)))
          .isInstanceOf(HandshakeMessage.AcceptVersion.class);
      ch.send(MiniProtocol.CHAIN_SYNC,
          ChainSyncCodec.encode(new ChainSyncMessage.FindIntersect(List.of(tip.get().point()))));
      assertThat(ChainSyncCodec.decode(ch.receive(MiniProtocol.CHAIN_SYNC, 65535, SHORT)))
          .isEqualTo(new ChainSyncMessage.IntersectFound(tip.get().point(), tip.get()));
      ch.send(MiniProtocol.KEEP_ALIVE, KeepAliveCodec.keepAlive(4242));
      assertThat(HexFormat.of().formatHex(ch.receive(MiniProtocol.KEEP_ALIVE, 64, SHORT)))
          .isEqualTo(HexFormat.of().formatHex(KeepAliveCodec.response(4242)));
      ch.send(MiniProtocol.CHAIN_SYNC, ChainSyncCodec.encode(new ChainSyncMessage.RequestNext()));
      // This responder serves tips, not headers: it ends the connection.
      assertThatThrownBy(() -> ch.receive(MiniProtocol.CHAIN_SYNC, 65535, SHORT)).isInstanceOf(IOException.class);
    }
  }

  @Test
  void responder_survivesGarbage_andKeepsServing() throws Exception {
    try (Socket s = new Socket(server.address().getAddress(), server.address().getPort())) {
      s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      s.setSoTimeout(5000);
      assertThat(s.getInputStream().read()).isEqualTo(-1);
    }
    assertThat(client(PREVIEW).readTip().tip()).isEqualTo(tip.get());
    assertThat(server.connectionsFailed()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void silentPeer_timesOut_withinTheDeadline() throws Exception {
    try (var peer = new ScriptedPeer((s, in, out) -> Thread.sleep(10_000))) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> new NodeToNodeClient(peer.address(), PREVIEW, SHORT).queryVersions())
          .isInstanceOf(SocketTimeoutException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }
  }

  @Test
  void tricklingPeer_stillHitsTheDeadline() throws Exception {
    // A valid header promising 40 bytes, then one byte every 100 ms: each read succeeds, the deadline still holds.
    try (var peer = new ScriptedPeer((s, in, out) -> {
      out.write(new MuxHeader(0, 0, true, 40).encode());
      for (int i = 0; i < 40; i++) {
        out.write(0x83);
        out.flush();
        Thread.sleep(100);
      }
    })) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> new NodeToNodeClient(peer.address(), PREVIEW, SHORT).queryVersions())
          .isInstanceOf(SocketTimeoutException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }
  }

  @Test
  void httpServerOnTheNodePort_isAProtocolError() throws Exception {
    try (var peer = new ScriptedPeer((s, in, out) -> {
      in.read(new byte[64]);
      out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread.sleep(2000);
    })) {
      assertThatThrownBy(() -> new NodeToNodeClient(peer.address(), PREVIEW, SHORT).queryVersions())
          .isInstanceOf(ProtocolException.class).hasMessageContaining("direction bit");
    }
  }

  @Test
  void endlessMessage_hitsTheHandshakeSizeLimit() throws Exception {
    // An array head claiming 2^31 items, then segment after segment of filler.
    try (var peer = new ScriptedPeer((s, in, out) -> {
      in.read(new byte[64]);
      byte[] payload = new byte[4000];
      payload[0] = (byte) 0x9a;
      payload[1] = 0x7f;
      payload[2] = (byte) 0xff;
      payload[3] = (byte) 0xff;
      payload[4] = (byte) 0xff;
      for (int i = 0; i < 4; i++) {
        out.write(new MuxHeader(0, 0, true, payload.length).encode());
        out.write(payload);
        payload = new byte[4000];
      }
      out.flush();
      Thread.sleep(2000);
    })) {
      assertThatThrownBy(() -> new NodeToNodeClient(peer.address(), PREVIEW, Duration.ofSeconds(2)).queryVersions())
          .isInstanceOf(ProtocolException.class).hasMessageContaining("exceeds its limit of 5760");
    }
  }

  @Test
  void segmentOnAnotherProtocol_duringTheHandshake_isRefused() throws Exception {
    try (var peer = new ScriptedPeer((s, in, out) -> {
      in.read(new byte[64]);
      out.write(new MuxHeader(0, MiniProtocol.CHAIN_SYNC, true, 2).encode());
      out.write(new byte[] {(byte) 0x81, 0x01});
      out.flush();
      Thread.sleep(2000);
    })) {
      assertThatThrownBy(() -> new NodeToNodeClient(peer.address(), PREVIEW, SHORT).queryVersions())
          .isInstanceOf(ProtocolException.class).hasMessageContaining("unexpected segment for chain-sync");
    }
  }

  @Test
  void peerThatHangsUp_isAClearEof() throws Exception {
    try (var peer = new ScriptedPeer((s, in, out) -> s.close())) {
      assertThatThrownBy(() -> new NodeToNodeClient(peer.address(), PREVIEW, SHORT).queryVersions())
          .isInstanceOf(IOException.class)
          .satisfies(e -> assertThat(e instanceof EOFException || e.getMessage() != null).isTrue());
    }
  }

  @Test
  void closedPort_failsFast() throws Exception {
    var peer = new ScriptedPeer((s, in, out) -> { });
    InetSocketAddress address = peer.address();
    peer.close();
    assertThatThrownBy(() -> new NodeToNodeClient(address, PREVIEW, SHORT).queryVersions())
        .isInstanceOf(IOException.class);
  }

  @Test
  void responder_timesOutASilentInitiator() throws Exception {
    var quick = new NodeToNodeResponder(PREVIEW, tip::get, Set.of(14, 15, 16), Duration.ofMillis(300),
        Duration.ofMillis(300));
    try (var s = NodeToNodeServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), quick);
        Socket socket = new Socket(s.address().getAddress(), s.address().getPort())) {
      socket.setSoTimeout(5000);
      assertThat(socket.getInputStream().read()).isEqualTo(-1);
    }
  }
}
