package io.palisade.ouroboros;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.cbor.CborReader;
import io.palisade.ouroboros.handshake.HandshakeMessage.AcceptVersion;
import io.palisade.ouroboros.handshake.HandshakeMessage.Refuse;
import io.palisade.ouroboros.handshake.HandshakeMessage.VersionMismatch;
import io.palisade.ouroboros.n2c.LocalStateQueryCodec;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.Acquire;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.AcquireFailure;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.Acquired;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.AtPoint;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.AtTip;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.Done;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.Failure;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.Query;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.ReAcquire;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.Release;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.Result;
import io.palisade.ouroboros.n2c.NodeToClientHandshake;
import io.palisade.ouroboros.n2c.NodeToClientVersionData;
import io.palisade.testing.SharedData;
import java.nio.file.Files;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The node-to-client messages against the official CDDL (ouroboros-network, in ../shared/nodedata/cddl): the version
 * numbers and version data of {@code handshake-node-to-client.cddl}, every tag and arity of
 * {@code local-state-query.cddl} (including the alternatives on continuation lines).
 */
class NodeToClientCddlConformanceTest {
  private static final Point POINT = Point.of(42, "cd".repeat(32));

  @Test
  void handshake_versionsAndData_matchTheCddl() throws Exception {
    CddlRules h = new CddlRules(SharedData.require("nodedata/cddl/handshake-node-to-client.cddl"));
    assertThat(NodeToClientHandshake.KNOWN_VERSIONS).isEqualTo(new TreeSet<>(h.choices("versionNumber")));
    assertThat(h.array("nodeToClientVersionData")).containsExactly("networkMagic", "query");
    byte[] accept = NodeToClientHandshake.CODEC.encode(new AcceptVersion<>(NodeToClientHandshake.wire(16),
        new NodeToClientVersionData(2, false)));
    assertThat(HexFormat.of().formatHex(accept)).isEqualTo("83011980108202f4");
    assertThat(h.array("msgAcceptVersion")).containsExactly("1", "versionNumber", "nodeToClientVersionData");
    assertThat(h.array("refuseReasonVersionMismatch").get(0)).isEqualTo("0");
    byte[] refuse = NodeToClientHandshake.CODEC.encode(new Refuse<>(new VersionMismatch(List.of(32784))));
    assertThat(HexFormat.of().formatHex(refuse)).isEqualTo("8202820081198010");
  }

  @Test
  void localStateQuery_everyAlternative_hasTheCddlTagAndArity() throws Exception {
    String spec = Files.readString(SharedData.require("nodedata/cddl/local-state-query.cddl"));
    check(spec, "msgAcquire", 0, 2, new Acquire(new AtPoint(POINT)));
    check(spec, "msgAcquire", 8, 1, new Acquire(AtTip.VOLATILE));
    check(spec, "msgAcquire", 10, 1, new Acquire(AtTip.IMMUTABLE));
    check(spec, "msgAcquired", 1, 1, new Acquired());
    check(spec, "msgFailure", 2, 2, new Failure(AcquireFailure.POINT_TOO_OLD));
    check(spec, "msgQuery", 3, 2, new Query(new byte[] {0}));
    check(spec, "msgResult", 4, 2, new Result(new byte[] {0}));
    check(spec, "msgRelease", 5, 1, new Release());
    check(spec, "msgReAcquire", 6, 2, new ReAcquire(new AtPoint(POINT)));
    check(spec, "msgReAcquire", 9, 1, new ReAcquire(AtTip.VOLATILE));
    check(spec, "msgReAcquire", 11, 1, new ReAcquire(AtTip.IMMUTABLE));
    check(spec, "lsqMsgDone", 7, 1, new Done());
    assertThat(spec).contains("acquireFailurePointTooOld     = 0").contains("acquireFailurePointNotOnChain = 1");
    assertThat(AcquireFailure.POINT_TOO_OLD.ordinal()).isZero();
    assertThat(AcquireFailure.POINT_NOT_ON_CHAIN.ordinal()).isEqualTo(1);
  }

  /** The rule (with its "/ [...]" continuation lines) has an alternative [tag, ...] of this arity; we write that. */
  private static void check(String spec, String rule, int tag, int arity, LocalStateQueryMessage m) throws Exception {
    Matcher block = Pattern.compile("(?m)^" + rule + "\\s*=((?:.*\\n)(?:\\s+/.*\\n)*)").matcher(spec);
    assertThat(block.find()).as(rule).isTrue();
    boolean found = false;
    Matcher alt = Pattern.compile("\\[([^\\]]*)\\]").matcher(block.group(1));
    while (alt.find()) {
      String[] parts = alt.group(1).split(",");
      if (parts[0].trim().equals(Integer.toString(tag)) && parts.length == arity) {
        found = true;
      }
    }
    assertThat(found).as(rule + " has [" + tag + ", ...] of " + arity).isTrue();
    CborReader r = new CborReader(LocalStateQueryCodec.encode(m));
    assertThat(r.readArrayHeader()).as(rule).isEqualTo(arity);
    assertThat(r.readUint()).as(rule).isEqualTo(tag);
  }
}
