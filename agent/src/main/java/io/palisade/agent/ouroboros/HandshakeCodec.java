package io.palisade.agent.ouroboros;

import io.palisade.agent.ouroboros.HandshakeMessage.AcceptVersion;
import io.palisade.agent.ouroboros.HandshakeMessage.HandshakeDecodeError;
import io.palisade.agent.ouroboros.HandshakeMessage.ProposeVersions;
import io.palisade.agent.ouroboros.HandshakeMessage.QueryReply;
import io.palisade.agent.ouroboros.HandshakeMessage.Refuse;
import io.palisade.agent.ouroboros.HandshakeMessage.RefuseReason;
import io.palisade.agent.ouroboros.HandshakeMessage.Refused;
import io.palisade.agent.ouroboros.HandshakeMessage.VersionMismatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * CBOR codec of the node-to-node handshake, per {@code handshake-node-to-node-v14.cddl}. Version tables are
 * definite-length maps with strictly ascending keys (the Haskell codec refuses anything else); versions this code
 * does not know are skipped when decoding a table, as ouroboros-network's {@code decodeVersions} does.
 *
 * <pre>{@code
 * byte[] cbor = HandshakeCodec.encode(HandshakeCodec.proposal(764824073, true));
 * HandshakeMessage reply = HandshakeCodec.decode(channel.receive(MiniProtocol.HANDSHAKE, ...));
 * }</pre>
 */
public final class HandshakeCodec {
  /** The node-to-node versions this code speaks: 14 (Plomin), 15 (SRV), 16 (adds perasSupport). */
  public static final Set<Integer> KNOWN_VERSIONS = Set.of(14, 15, 16);

  /** First version whose data has the fifth field, perasSupport. */
  public static final int FIRST_PERAS_VERSION = 16;

  private static final int MAX_TEXT_BYTES = MiniProtocol.MAX_HANDSHAKE_BYTES;

  private HandshakeCodec() {}

  /**
   * The proposal a probe sends: every known version, initiator only, no peer sharing.
   *
   * @param networkMagic the network the probe expects
   * @param query true to ask only for the version table
   * @return the message
   */
  public static ProposeVersions proposal(long networkMagic, boolean query) {
    SortedMap<Integer, NodeToNodeVersionData> table = new TreeMap<>();
    for (int v : new TreeSet<>(KNOWN_VERSIONS)) {
      table.put(v, NodeToNodeVersionData.probe(networkMagic, query));
    }
    return new ProposeVersions(table);
  }

  /** Encodes a handshake message. */
  public static byte[] encode(HandshakeMessage message) {
    CborWriter w = new CborWriter();
    if (message instanceof ProposeVersions p) {
      w.array(2).uint(0);
      table(w, p.versions());
    } else if (message instanceof AcceptVersion a) {
      w.array(3).uint(1).uint(a.version());
      data(w, a.version(), a.data());
    } else if (message instanceof Refuse r) {
      w.array(2).uint(2);
      reason(w, r.reason());
    } else {
      w.array(2).uint(3);
      table(w, ((QueryReply) message).versions());
    }
    return w.toByteArray();
  }

  /**
   * Decodes exactly one handshake message.
   *
   * @param cbor the message bytes
   * @return the message
   * @throws ProtocolException naming what is wrong and where
   */
  public static HandshakeMessage decode(byte[] cbor) throws ProtocolException {
    CborReader r = new CborReader(cbor);
    int size = r.readArrayHeader();
    long tag = r.readUint();
    HandshakeMessage m = switch ((int) Math.min(tag, Integer.MAX_VALUE)) {
      case 0 -> {
        expectSize(size, 2, "MsgProposeVersions");
        yield new ProposeVersions(readTable(r));
      }
      case 1 -> {
        expectSize(size, 3, "MsgAcceptVersion");
        int version = version(r);
        if (!KNOWN_VERSIONS.contains(version)) {
          throw new ProtocolException("MsgAcceptVersion chose version " + version + ", which was not proposed");
        }
        yield new AcceptVersion(version, readData(r, version));
      }
      case 2 -> {
        expectSize(size, 2, "MsgRefuse");
        yield new Refuse(readReason(r));
      }
      case 3 -> {
        expectSize(size, 2, "MsgQueryReply");
        yield new QueryReply(readTable(r));
      }
      default -> throw new ProtocolException("unknown handshake message tag " + tag);
    };
    if (!r.atEnd()) {
      throw new ProtocolException("handshake message has " + (cbor.length - r.position()) + " trailing bytes");
    }
    return m;
  }

  private static void table(CborWriter w, SortedMap<Integer, NodeToNodeVersionData> versions) {
    w.map(versions.size());
    versions.forEach((v, d) -> {
      w.uint(v);
      data(w, v, d);
    });
  }

  private static void data(CborWriter w, int version, NodeToNodeVersionData d) {
    boolean peras = version >= FIRST_PERAS_VERSION;
    w.array(peras ? 5 : 4).uint(d.networkMagic()).bool(d.initiatorOnly()).uint(d.peerSharing()).bool(d.query());
    if (peras) {
      w.bool(d.perasSupport());
    }
  }

  private static void reason(CborWriter w, RefuseReason reason) {
    if (reason instanceof VersionMismatch m) {
      w.array(2).uint(0).array(m.versions().size());
      m.versions().forEach(w::uint);
    } else if (reason instanceof HandshakeDecodeError e) {
      w.array(3).uint(1).uint(e.version()).text(e.message());
    } else {
      Refused e = (Refused) reason;
      w.array(3).uint(2).uint(e.version()).text(e.message());
    }
  }

  private static SortedMap<Integer, NodeToNodeVersionData> readTable(CborReader r) throws ProtocolException {
    int n = r.readMapHeader();
    SortedMap<Integer, NodeToNodeVersionData> table = new TreeMap<>();
    long previous = -1;
    for (int i = 0; i < n; i++) {
      int at = r.position();
      int version = version(r);
      if (version <= previous) {
        throw new ProtocolException("version table keys must be strictly ascending: " + version + " after "
            + previous + " (byte " + at + ")");
      }
      previous = version;
      if (KNOWN_VERSIONS.contains(version)) {
        table.put(version, readData(r, version));
      } else {
        r.skip();
      }
    }
    return table;
  }

  private static NodeToNodeVersionData readData(CborReader r, int version) throws ProtocolException {
    int at = r.position();
    int size = r.readArrayHeader();
    int expected = version >= FIRST_PERAS_VERSION ? 5 : 4;
    if (size != expected) {
      throw new ProtocolException("version " + version + " data must be an array of " + expected + ", was an array of "
          + size + " (byte " + at + ")");
    }
    long magic = r.readUint(0, 0xffffffffL, "networkMagic");
    boolean initiatorOnly = r.readBool();
    int peerSharing = (int) r.readUint(0, 1, "peerSharing");
    boolean query = r.readBool();
    boolean peras = expected == 5 && r.readBool();
    return new NodeToNodeVersionData(magic, initiatorOnly, peerSharing, query, peras);
  }

  private static RefuseReason readReason(CborReader r) throws ProtocolException {
    int at = r.position();
    int size = r.readArrayHeader();
    long tag = r.readUint();
    if (tag == 0) {
      expectSize(size, 2, "refuseReasonVersionMismatch");
      int n = r.readArrayHeader();
      List<Integer> versions = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        versions.add(version(r));
      }
      return new VersionMismatch(versions);
    }
    if (tag == 1 || tag == 2) {
      expectSize(size, 3, "refuse reason");
      int version = version(r);
      String text = r.readText(MAX_TEXT_BYTES);
      return tag == 1 ? new HandshakeDecodeError(version, text) : new Refused(version, text);
    }
    throw new ProtocolException("unknown refuse reason " + tag + " (byte " + at + ")");
  }

  private static int version(CborReader r) throws CborException {
    return (int) r.readUint(0, Integer.MAX_VALUE, "version number");
  }

  private static void expectSize(int size, int expected, String what) throws ProtocolException {
    if (size != expected) {
      throw new ProtocolException(what + " must be an array of " + expected + ", was an array of " + size);
    }
  }
}
