package io.palisade.ouroboros.n2c;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.cbor.CborWriter;
import io.palisade.ouroboros.ProtocolException;
import io.palisade.ouroboros.handshake.HandshakeMessage.Refuse;
import io.palisade.ouroboros.handshake.HandshakeMessage.VersionMismatch;
import io.palisade.ouroboros.handshake.HandshakeRefusedException;
import io.palisade.ouroboros.mux.MiniProtocol;
import io.palisade.ouroboros.mux.MuxHeader;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link LedgerQueries} against {@link NodeToClientServer} over a real Unix socket, and against peers that misbehave. */
@Timeout(60)
class NodeToClientEndToEndTest {
  private static final long PREVIEW = 2;
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final Duration SHORT = Duration.ofMillis(600);

  @TempDir
  Path dir;

  @Test
  void everyLedgerFact_isReadFromTheResponder() throws Exception {
    Path socket = dir.resolve("node.socket");
    try (NodeToClientServer server = NodeToClientServer.start(socket,
            new NodeToClientResponder(PREVIEW, new FixedLedger(Era.CONWAY)));
        LedgerQueries node = LedgerQueries.open(socket, PREVIEW, TIMEOUT)) {
      assertThat(node.version()).isEqualTo(NodeToClientHandshake.wire(23));
      assertThat(node.currentEra()).isEqualTo(Era.CONWAY);
      assertThat(node.epoch()).isEqualTo(1_234);
      StakeSnapshots s = node.stakeSnapshots(FixedLedger.POOL);
      assertThat(s.pools()).containsOnlyKeys(FixedLedger.POOL);
      assertThat(s.pool(FixedLedger.POOL).orElseThrow().set()).isEqualTo(2_900_000_000_000L);
      assertThat(s.setTotal()).isEqualTo(1_290_000_000_000_000L);
      PraosState p = node.protocolState();
      assertThat(p.epochNonce()).isEqualTo(Nonce.ofHex("33".repeat(32)));
      assertThat(p.candidateNonce()).isEqualTo(Nonce.ofHex("22".repeat(32)));
      assertThat(p.lastEpochBlockNonce()).isEqualTo(Nonce.NEUTRAL);
      assertThat(node.opcertCounter(FixedLedger.POOL)).hasValue(7);
      assertThat(node.opcertCounter(new PoolId("0c".repeat(28)))).isEmpty();
      GenesisConfig g = node.genesisConfig();
      assertThat(g).isEqualTo(FixedLedger.PREVIEW_GENESIS);
      assertThat(g.randomnessStabilisationWindow()).isEqualTo(34_560);
      assertThat(node.protocolParameters()).isEqualTo(new ProtocolParameters(10, 0, Optional.empty()));
      node.refresh();
      assertThat(node.epoch()).isEqualTo(1_234);
    }
    assertThat(socket).doesNotExist();
  }

  @Test
  void olderNode_negotiatesTheCommonVersion_andTpraosEras_refuseTheNonces() throws Exception {
    Path socket = dir.resolve("old.socket");
    var responder = new NodeToClientResponder(PREVIEW, new FixedLedger(Era.ALONZO),
        Set.of(NodeToClientHandshake.wire(16), NodeToClientHandshake.wire(17)), Duration.ofSeconds(10),
        Duration.ofSeconds(10));
    try (NodeToClientServer server = NodeToClientServer.start(socket, responder);
        LedgerQueries node = LedgerQueries.open(socket, PREVIEW, TIMEOUT)) {
      assertThat(node.version()).isEqualTo(NodeToClientHandshake.wire(17));
      assertThat(node.protocolParameters().decentralisation()).contains(new Ratio(1, 2));
      assertThatThrownBy(node::protocolState).isInstanceOf(ProtocolException.class)
          .hasMessageContaining("ALONZO era (TPraos)");
    }
  }

  @Test
  void wrongMagic_isRefused_asAMagicMismatch() throws Exception {
    Path socket = dir.resolve("preview.socket");
    try (NodeToClientServer server = NodeToClientServer.start(socket,
        new NodeToClientResponder(PREVIEW, new FixedLedger(Era.CONWAY)))) {
      assertThatThrownBy(() -> LedgerQueries.open(socket, 764824073, TIMEOUT))
          .isInstanceOfSatisfying(HandshakeRefusedException.class, e -> {
            assertThat(e.magicMismatch()).isTrue();
            assertThat(e.getMessage()).contains("764824073").contains("we offered V16 (32784)");
          });
    }
  }

  @Test
  void refusedVersions_nameWhatWeOfferedAndWhatTheNodeSupports() throws Exception {
    byte[] refuse = NodeToClientHandshake.CODEC.encode(new Refuse<>(new VersionMismatch(List.of(32780, 32781))));
    try (UnixPeer peer = new UnixPeer(dir.resolve("refuse.socket"), ch -> {
      readSome(ch);
      write(ch, frame(MiniProtocol.HANDSHAKE, refuse));
    })) {
      assertThatThrownBy(() -> LedgerQueries.open(peer.path(), PREVIEW, TIMEOUT))
          .isInstanceOf(HandshakeRefusedException.class)
          .hasMessageContaining("V16 (32784), V17 (32785)").hasMessageContaining("V23 (32791)")
          .hasMessageContaining("it supports V12 (32780), V13 (32781)");
    }
  }

  @Test
  void aNodeThatSaysNothing_timesOut() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (UnixPeer peer = new UnixPeer(dir.resolve("silent.socket"), ch -> await(release))) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> LedgerQueries.open(peer.path(), PREVIEW, SHORT))
          .isInstanceOf(SocketTimeoutException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    } finally {
      release.countDown();
    }
  }

  @Test
  void aResponderThatStallsAfterTheHandshake_timesOut() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    LedgerView stalling = () -> {
      await(release);
      return new FixedLedger(Era.CONWAY);
    };
    Path socket = dir.resolve("stall.socket");
    try (NodeToClientServer server = NodeToClientServer.start(socket, new NodeToClientResponder(PREVIEW, stalling))) {
      assertThatThrownBy(() -> LedgerQueries.open(socket, PREVIEW, SHORT))
          .isInstanceOf(SocketTimeoutException.class).hasMessageContaining("in time");
    } finally {
      release.countDown();
    }
  }

  @Test
  void garbage_andLyingLengths_endInAProtocolException_notAHangOrAnAllocation() throws Exception {
    // A handshake answer whose byte string claims 2^62 bytes, and plain garbage.
    byte[] lie = new CborWriter().array(2).uint(1).toByteArray();
    byte[] huge = new byte[lie.length + 9];
    System.arraycopy(lie, 0, huge, 0, lie.length);
    huge[lie.length] = 0x5b;
    huge[lie.length + 1] = 0x40;
    for (byte[] answer : List.of(huge, new byte[] {(byte) 0xff, 0x00}, new byte[] {(byte) 0x9f, 0x01, (byte) 0xff})) {
      try (UnixPeer peer = new UnixPeer(dir.resolve("bad" + answer.length + ".socket"), ch -> {
        readSome(ch);
        write(ch, frame(MiniProtocol.HANDSHAKE, answer));
        ch.shutdownOutput();
      })) {
        assertThatThrownBy(() -> LedgerQueries.open(peer.path(), PREVIEW, TIMEOUT))
            .isInstanceOfAny(ProtocolException.class, IOException.class)
            .satisfies(e -> assertThat(e.getMessage()).isNotBlank());
      }
    }
  }

  @Test
  void noSocket_isAClearIoError() {
    assertThatThrownBy(() -> LedgerQueries.open(dir.resolve("absent.socket"), PREVIEW, TIMEOUT))
        .isInstanceOf(IOException.class).hasMessageContaining("cannot connect to the node socket");
  }

  private static byte[] frame(int protocol, byte[] payload) {
    byte[] header = new MuxHeader(0, protocol, true, payload.length).encode();
    byte[] sdu = new byte[header.length + payload.length];
    System.arraycopy(header, 0, sdu, 0, header.length);
    System.arraycopy(payload, 0, sdu, header.length, payload.length);
    return sdu;
  }

  private static void readSome(SocketChannel ch) throws IOException {
    ch.read(ByteBuffer.allocate(4096));
  }

  private static void write(SocketChannel ch, byte[] bytes) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A Unix-socket peer that runs a script on each connection: how tests play a broken or hostile node. */
  private static final class UnixPeer implements AutoCloseable {
    interface Script {
      void run(SocketChannel ch) throws IOException;
    }

    private final Path path;
    private final ServerSocketChannel server;
    private final Thread thread;

    UnixPeer(Path path, Script script) throws IOException {
      this.path = path;
      server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      server.bind(UnixDomainSocketAddress.of(path));
      thread = new Thread(() -> {
        while (server.isOpen()) {
          try (SocketChannel ch = server.accept()) {
            script.run(ch);
          } catch (IOException e) {
            // The script or the client ended the connection.
          }
        }
      }, "unix-peer");
      thread.setDaemon(true);
      thread.start();
    }

    Path path() {
      return path;
    }

    @Override
    public void close() throws IOException {
      server.close();
      java.nio.file.Files.deleteIfExists(path);
    }
  }
}
