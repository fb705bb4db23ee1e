package io.palisade.ouroboros.n2c;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.ouroboros.ProtocolException;
import io.palisade.ouroboros.handshake.HandshakeMessage;
import io.palisade.ouroboros.handshake.HandshakeMessage.AcceptVersion;
import io.palisade.ouroboros.handshake.HandshakeMessage.ProposeVersions;
import io.palisade.ouroboros.handshake.HandshakeMessage.QueryReply;
import io.palisade.ouroboros.handshake.HandshakeMessage.Refuse;
import io.palisade.ouroboros.handshake.HandshakeMessage.Refused;
import io.palisade.ouroboros.handshake.HandshakeMessage.VersionMismatch;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The node-to-client handshake: the proposal's bytes, the negotiation, round trips and hostile bytes. */
class NodeToClientHandshakeTest {
  @Test
  void previewProposal_hasTheCddlBytes() {
    // [0, {32784: [2, false], ..., 32791: [2, false]}]: V16..V23 in ascending order, as the Haskell codec requires.
    StringBuilder expected = new StringBuilder("8200a8");
    for (int v = 16; v <= 23; v++) {
      expected.append("1980").append(String.format("%02x", v)).append("8202f4");
    }
    assertThat(HexFormat.of().formatHex(NodeToClientHandshake.CODEC.encode(NodeToClientHandshake.proposal(2, false))))
        .isEqualTo(expected.toString());
  }

  @Test
  void negotiation_picksTheHighestCommonVersion_checksTheMagic_answersQueries() {
    var responder = new NodeToClientResponder(2, new FixedLedger(Era.CONWAY));
    assertThat(responder.negotiate(NodeToClientHandshake.proposal(2, false)))
        .isEqualTo(new AcceptVersion<>(NodeToClientHandshake.wire(23), new NodeToClientVersionData(2, false)));
    assertThat(responder.negotiate(NodeToClientHandshake.proposal(1, false)))
        .isInstanceOfSatisfying(Refuse.class, r -> assertThat(((Refused) r.reason()).message()).contains("networkMagic 1 /= 2"));
    assertThat(responder.negotiate(NodeToClientHandshake.proposal(2, true))).isInstanceOf(QueryReply.class);
    var older = new ProposeVersions<>(new TreeMap<>(Map.of(NodeToClientHandshake.wire(15),
        new NodeToClientVersionData(2, false))));
    assertThat(responder.negotiate(older)).isInstanceOfSatisfying(Refuse.class,
        r -> assertThat(((VersionMismatch) r.reason()).versions()).hasSize(8));
  }

  @Property(tries = 200)
  void messages_roundTrip(@ForAll @LongRange(max = 0xffffffffL) long magic, @ForAll boolean query,
      @ForAll @IntRange(min = 16, max = 23) int version) throws Exception {
    NodeToClientVersionData d = new NodeToClientVersionData(magic, query);
    List<HandshakeMessage<NodeToClientVersionData>> all = List.of(NodeToClientHandshake.proposal(magic, query),
        new AcceptVersion<>(NodeToClientHandshake.wire(version), d),
        new QueryReply<>(new TreeMap<>(Map.of(NodeToClientHandshake.wire(version), d))),
        new Refuse<>(new VersionMismatch(List.of(NodeToClientHandshake.wire(version)))));
    for (HandshakeMessage<NodeToClientVersionData> m : all) {
      assertThat(NodeToClientHandshake.CODEC.decode(NodeToClientHandshake.CODEC.encode(m))).isEqualTo(m);
    }
  }

  @Property(tries = 400)
  void anyBytes_endInAMessageOrAProtocolException(@ForAll @Size(max = 64) byte[] bytes) {
    try {
      NodeToClientHandshake.CODEC.decode(bytes);
    } catch (ProtocolException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
