package io.palisade.ouroboros.n2n;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.ouroboros.ProtocolException;
import io.palisade.ouroboros.handshake.HandshakeMessage;
import io.palisade.ouroboros.handshake.HandshakeMessage.AcceptVersion;
import io.palisade.ouroboros.handshake.HandshakeMessage.HandshakeDecodeError;
import io.palisade.ouroboros.handshake.HandshakeMessage.ProposeVersions;
import io.palisade.ouroboros.handshake.HandshakeMessage.QueryReply;
import io.palisade.ouroboros.handshake.HandshakeMessage.Refuse;
import io.palisade.ouroboros.handshake.HandshakeMessage.Refused;
import io.palisade.ouroboros.handshake.HandshakeMessage.VersionMismatch;
import io.palisade.ouroboros.mux.MiniProtocol;
import io.palisade.ouroboros.mux.MuxHeader;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The node-to-node handshake codec, byte-exact with cardano-node's encoding. */
class NodeToNodeHandshakeTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final long MAINNET = 764824073;

  @Test
  void mainnetProposal_isByteExactWithTheReferenceVector() {
    // The v14-v16 initiator-only mainnet proposal and its mux frame, from the protocol research
    // (shared/docs/research/cardano-node-ops.md §5.2): frame 0000000000000022 + the CBOR below.
    byte[] cbor = NodeToNodeHandshake.CODEC.encode(NodeToNodeHandshake.proposal(MAINNET, false));
    assertThat(HEX.formatHex(cbor))
        .isEqualTo("8200a30e841a2d964a09f500f40f841a2d964a09f500f410851a2d964a09f500f4f4");
    byte[] header = new MuxHeader(0, MiniProtocol.HANDSHAKE, false, cbor.length).encode();
    assertThat(HEX.formatHex(header)).isEqualTo("0000000000000022");
  }

  @Test
  void everyMessage_roundTrips() throws Exception {
    TreeMap<Integer, NodeToNodeVersionData> table = new TreeMap<>(Map.of(
        14, new NodeToNodeVersionData(2, false, 1, false, false),
        16, new NodeToNodeVersionData(2, true, 0, true, true)));
    List<HandshakeMessage<NodeToNodeVersionData>> messages = List.of(
        new ProposeVersions<>(table),
        new AcceptVersion<>(15, new NodeToNodeVersionData(1, true, 0, false, false)),
        new AcceptVersion<>(16, new NodeToNodeVersionData(1, true, 0, false, true)),
        new Refuse<>(new VersionMismatch(List.of(14, 15))),
        new Refuse<>(new HandshakeDecodeError(14, "bad data")),
        new Refuse<>(new Refused(14, "version data mismatch")),
        new QueryReply<>(table));
    for (HandshakeMessage<NodeToNodeVersionData> m : messages) {
      assertThat(NodeToNodeHandshake.CODEC.decode(NodeToNodeHandshake.CODEC.encode(m))).isEqualTo(m);
    }
  }

  @Test
  void decode_skipsUnknownVersions_refusesUnorderedTables() throws Exception {
    // {13: [1, true, 0, false], 14: [1, false, 1, false], 99: "future"}: 13 and 99 are not known here.
    byte[] withUnknown = HEX.parseHex("8200a30d8401f500f40e8401f401f4186366667574757265");
    ProposeVersions p = (ProposeVersions) NodeToNodeHandshake.CODEC.decode(withUnknown);
    assertThat(p.versions()).containsOnlyKeys(14);
    // Keys 15 then 14: the Haskell codec refuses unordered tables, so must we.
    byte[] unordered = HEX.parseHex("8200a20f8401f500f40e8401f500f4");
    assertThatThrownBy(() -> NodeToNodeHandshake.CODEC.decode(unordered)).hasMessageContaining("strictly ascending");
  }

  @Test
  void decode_checksShapesAndRanges() {
    // v16 data with only four fields.
    assertThatThrownBy(() -> NodeToNodeHandshake.CODEC.decode(HEX.parseHex("8200a1108401f500f4")))
        .hasMessageContaining("version 16 data must be an array of 5");
    // peerSharing 2.
    assertThatThrownBy(() -> NodeToNodeHandshake.CODEC.decode(HEX.parseHex("8200a10e8401f502f4")))
        .hasMessageContaining("peerSharing");
    // A magic over 32 bits.
    assertThatThrownBy(() -> NodeToNodeHandshake.CODEC.decode(HEX.parseHex("8200a10e841b0000000100000000f500f4")))
        .hasMessageContaining("networkMagic");
    assertThatThrownBy(() -> NodeToNodeHandshake.CODEC.decode(HEX.parseHex("8209a0"))).hasMessageContaining("unknown");
    assertThatThrownBy(() -> NodeToNodeHandshake.CODEC.decode(HEX.parseHex("8200a000"))).hasMessageContaining("trailing");
    assertThatThrownBy(() -> NodeToNodeHandshake.CODEC.decode(HEX.parseHex("82010e8401f500f4")))
        .hasMessageContaining("must be an array of 3");
  }

  @Property(tries = 500)
  void anyBytes_decodeToAMessageOrAProtocolException(@ForAll @Size(max = 48) byte[] bytes) {
    try {
      NodeToNodeHandshake.CODEC.decode(bytes);
    } catch (ProtocolException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @Property(tries = 200)
  void generatedTables_roundTrip(@ForAll("tables") TreeMap<Integer, NodeToNodeVersionData> table) throws Exception {
    assertThat(NodeToNodeHandshake.CODEC.decode(NodeToNodeHandshake.CODEC.encode(new QueryReply<>(table))))
        .isEqualTo(new QueryReply<>(table));
  }

  @Provide
  Arbitrary<TreeMap<Integer, NodeToNodeVersionData>> tables() {
    Arbitrary<NodeToNodeVersionData> data = Combinators.combine(
        Arbitraries.longs().between(0, 0xffffffffL), Arbitraries.of(true, false), Arbitraries.integers().between(0, 1),
        Arbitraries.of(true, false))
        .as((m, i, p, q) -> new NodeToNodeVersionData(m, i, p, q, false));
    return Arbitraries.maps(Arbitraries.of(14, 15), data).ofMaxSize(2).map(TreeMap::new);
  }
}
