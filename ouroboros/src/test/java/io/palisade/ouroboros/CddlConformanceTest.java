package io.palisade.ouroboros;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.cbor.CborException;
import io.palisade.cbor.CborReader;
import io.palisade.ouroboros.handshake.HandshakeMessage.AcceptVersion;
import io.palisade.ouroboros.handshake.HandshakeMessage.HandshakeDecodeError;
import io.palisade.ouroboros.handshake.HandshakeMessage.ProposeVersions;
import io.palisade.ouroboros.handshake.HandshakeMessage.QueryReply;
import io.palisade.ouroboros.handshake.HandshakeMessage.Refuse;
import io.palisade.ouroboros.handshake.HandshakeMessage.Refused;
import io.palisade.ouroboros.handshake.HandshakeMessage.VersionMismatch;
import io.palisade.ouroboros.n2n.ChainSyncCodec;
import io.palisade.ouroboros.n2n.ChainSyncMessage.AwaitReply;
import io.palisade.ouroboros.n2n.ChainSyncMessage.Done;
import io.palisade.ouroboros.n2n.ChainSyncMessage.FindIntersect;
import io.palisade.ouroboros.n2n.ChainSyncMessage.IntersectFound;
import io.palisade.ouroboros.n2n.ChainSyncMessage.IntersectNotFound;
import io.palisade.ouroboros.n2n.ChainSyncMessage.RequestNext;
import io.palisade.ouroboros.n2n.ChainSyncMessage.RollBackward;
import io.palisade.ouroboros.n2n.KeepAliveCodec;
import io.palisade.ouroboros.n2n.NodeToNodeHandshake;
import io.palisade.ouroboros.n2n.NodeToNodeVersionData;
import io.palisade.testing.SharedData;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every message this code writes has the tag and arity the official CDDL (ouroboros-network
 * {@code cardano-diffusion/protocols/cddl/specs}, in ../shared/nodedata/cddl) gives it, and the versions and version
 * data follow the v14 and v16 specs. If a new CDDL adds a version or a field, this test says so.
 */
class CddlConformanceTest {
  private static final ChainTip TIP = new ChainTip(Point.of(14351, "ab".repeat(32)), 691);

  @Test
  void handshake_versionsAndVersionData_matchTheCddl() throws Exception {
    CddlRules handshake = rules("handshake-node-to-node-v14.cddl");
    var versions = new HashSet<Integer>(handshake.choices("versionNumber_v14_to_v15"));
    versions.addAll(handshake.choices("versionNumber_v16_to_last"));
    assertThat(NodeToNodeHandshake.KNOWN_VERSIONS).isEqualTo(versions);
    assertThat(NodeToNodeHandshake.FIRST_PERAS_VERSION).isEqualTo(handshake.choices("versionNumber_v16_to_last").get(0));

    List<String> v14 = rules("node-to-node-version-data-v14.cddl").array("nodeToNodeVersionData");
    List<String> v16 = rules("node-to-node-version-data-v16.cddl").array("nodeToNodeVersionData");
    assertThat(v14).containsExactly("networkMagic", "initiatorOnlyDiffusionMode", "peerSharing", "query");
    assertThat(v16).containsExactly("networkMagic", "initiatorOnlyDiffusionMode", "peerSharing", "query",
        "perasSupport");
    NodeToNodeVersionData d = new NodeToNodeVersionData(2, true, 1, false, true);
    assertArity(NodeToNodeHandshake.CODEC.encode(new AcceptVersion<>(14, d)), 1, 3, 2, v14.size());
    assertArity(NodeToNodeHandshake.CODEC.encode(new AcceptVersion<>(16, d)), 1, 3, 2, v16.size());
  }

  @Test
  void handshake_messageTagsAndArities_matchTheCddl() {
    CddlRules h = rules("handshake-node-to-node-v14.cddl");
    var table = new TreeMap<>(Map.of(14, NodeToNodeVersionData.probe(2, true)));
    check(h, "msgProposeVersions", NodeToNodeHandshake.CODEC.encode(new ProposeVersions<>(table)));
    check(h, "msgAcceptVersion", NodeToNodeHandshake.CODEC.encode(new AcceptVersion<>(14, NodeToNodeVersionData.probe(2, false))));
    check(h, "msgRefuse", NodeToNodeHandshake.CODEC.encode(new Refuse<>(new VersionMismatch(List.of(14)))));
    check(h, "msgQueryReply", NodeToNodeHandshake.CODEC.encode(new QueryReply<>(table)));
    checkNested(h, "refuseReasonVersionMismatch", NodeToNodeHandshake.CODEC.encode(new Refuse<>(new VersionMismatch(List.of()))));
    checkNested(h, "refuseReasonHandshakeDecodeError",
        NodeToNodeHandshake.CODEC.encode(new Refuse<>(new HandshakeDecodeError(14, "x"))));
    checkNested(h, "refuseReasonRefused", NodeToNodeHandshake.CODEC.encode(new Refuse<>(new Refused(14, "x"))));
  }

  @Test
  void chainSync_messageTagsAndArities_matchTheCddl() {
    CddlRules c = rules("chain-sync.cddl");
    check(c, "msgRequestNext", ChainSyncCodec.encode(new RequestNext()));
    check(c, "msgAwaitReply", ChainSyncCodec.encode(new AwaitReply()));
    check(c, "msgRollBackward", ChainSyncCodec.encode(new RollBackward(Point.ORIGIN, TIP)));
    check(c, "msgFindIntersect", ChainSyncCodec.encode(new FindIntersect(List.of())));
    check(c, "msgIntersectFound", ChainSyncCodec.encode(new IntersectFound(TIP.point(), TIP)));
    check(c, "msgIntersectNotFound", ChainSyncCodec.encode(new IntersectNotFound(TIP)));
    check(c, "chainSyncMsgDone", ChainSyncCodec.encode(new Done()));
  }

  @Test
  void keepAlive_matchesTheCddl() {
    CddlRules k = rules("keep-alive.cddl");
    check(k, "msgKeepAlive", KeepAliveCodec.keepAlive(7));
    check(k, "msgKeepAliveResponse", KeepAliveCodec.response(7));
  }

  @Test
  void pointsAreDefiniteLengthLists_perNetworkBase() throws Exception {
    // network.base.cddl: "The codec only accepts definite-length list." for points.
    assertThat(rules("network.base.cddl").array("points")).containsExactly("*point");
    byte[] find = ChainSyncCodec.encode(new FindIntersect(List.of(TIP.point(), Point.ORIGIN)));
    CborReader r = new CborReader(find);
    r.readArrayHeader();
    r.readUint();
    assertThat(r.readArrayHeader()).isEqualTo(2);
  }

  private static CddlRules rules(String file) {
    return new CddlRules(SharedData.require("nodedata/cddl/" + file));
  }

  /** The encoded message is an array of the rule's arity whose first element is the rule's tag. */
  private static void check(CddlRules rules, String rule, byte[] cbor) {
    List<String> spec = rules.array(rule);
    try {
      assertArity(cbor, Integer.parseInt(spec.get(0)), spec.size(), -1, -1);
    } catch (CborException e) {
      throw new AssertionError(rule, e);
    }
  }

  /** For refuse reasons: the reason is the second element of {@code [2, reason]}. */
  private static void checkNested(CddlRules rules, String rule, byte[] cbor) {
    List<String> spec = rules.array(rule);
    try {
      CborReader r = new CborReader(cbor);
      r.readArrayHeader();
      r.readUint();
      assertThat(r.readArrayHeader()).as(rule).isEqualTo(spec.size());
      assertThat(r.readUint()).as(rule).isEqualTo(Long.parseLong(spec.get(0)));
    } catch (CborException e) {
      throw new AssertionError(rule, e);
    }
  }

  private static void assertArity(byte[] cbor, long tag, int size, int dataIndex, int dataSize) throws CborException {
    CborReader r = new CborReader(cbor);
    assertThat(r.readArrayHeader()).isEqualTo(size);
    assertThat(r.readUint()).isEqualTo(tag);
    if (dataIndex > 0) {
      for (int i = 1; i < dataIndex; i++) {
        r.skip();
      }
      assertThat(r.readArrayHeader()).isEqualTo(dataSize);
    }
  }
}
