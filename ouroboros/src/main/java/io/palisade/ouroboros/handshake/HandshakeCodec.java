package io.palisade.ouroboros.handshake;

import io.palisade.cbor.CborException;
import io.palisade.cbor.CborReader;
import io.palisade.cbor.CborWriter;
import io.palisade.ouroboros.CborMessages;
import io.palisade.ouroboros.ProtocolException;
import io.palisade.ouroboros.handshake.HandshakeMessage.AcceptVersion;
import io.palisade.ouroboros.handshake.HandshakeMessage.HandshakeDecodeError;
import io.palisade.ouroboros.handshake.HandshakeMessage.ProposeVersions;
import io.palisade.ouroboros.handshake.HandshakeMessage.QueryReply;
import io.palisade.ouroboros.handshake.HandshakeMessage.Refuse;
import io.palisade.ouroboros.handshake.HandshakeMessage.RefuseReason;
import io.palisade.ouroboros.handshake.HandshakeMessage.Refused;
import io.palisade.ouroboros.handshake.HandshakeMessage.VersionMismatch;
import io.palisade.ouroboros.mux.MiniProtocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * CBOR codec of the handshake, one for every protocol family: {@code handshake-node-to-node-v14.cddl} and
 * {@code handshake-node-to-client.cddl} differ only in the version numbers and data, which the family's
 * {@link VersionDataCodec} supplies. Version tables are definite-length maps with strictly ascending keys (the Haskell
 * codec refuses anything else); versions the family does not know are skipped when decoding a table, as
 * ouroboros-network's {@code decodeVersions} does.
 *
 * <pre>{@code
 * HandshakeCodec<NodeToNodeVersionData> codec = NodeToNodeHandshake.CODEC;
 * byte[] cbor = codec.encode(NodeToNodeHandshake.proposal(764824073, true));
 * HandshakeMessage<NodeToNodeVersionData> reply = codec.decode(bytes);
 * }</pre>
 *
 * @param <D> the family's version data
 */
public final class HandshakeCodec<D> {
  private static final int MAX_TEXT_BYTES = MiniProtocol.MAX_HANDSHAKE_BYTES;

  private final VersionDataCodec<D> family;

  /**
   * @param family the versions and version data of one protocol family
   */
  public HandshakeCodec(VersionDataCodec<D> family) {
    this.family = Objects.requireNonNull(family, "family");
  }

  /** The family this codec speaks. */
  public VersionDataCodec<D> family() {
    return family;
  }

  /** Encodes a handshake message. */
  public byte[] encode(HandshakeMessage<D> message) {
    CborWriter w = new CborWriter();
    if (message instanceof ProposeVersions<D> p) {
      w.array(2).uint(0);
      table(w, p.versions());
    } else if (message instanceof AcceptVersion<D> a) {
      w.array(3).uint(1).uint(a.version());
      family.write(w, a.version(), a.data());
    } else if (message instanceof Refuse<D> r) {
      w.array(2).uint(2);
      reason(w, r.reason());
    } else {
      w.array(2).uint(3);
      table(w, ((QueryReply<D>) message).versions());
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
  public HandshakeMessage<D> decode(byte[] cbor) throws ProtocolException {
    return CborMessages.decode(cbor, family.family() + " handshake message", this::read);
  }

  private HandshakeMessage<D> read(CborReader r) throws CborException, ProtocolException {
    int size = r.readArrayHeader();
    long tag = r.readUint();
    return switch ((int) Math.min(tag, Integer.MAX_VALUE)) {
      case 0 -> {
        expectSize(size, 2, "MsgProposeVersions");
        yield new ProposeVersions<>(readTable(r));
      }
      case 1 -> {
        expectSize(size, 3, "MsgAcceptVersion");
        int version = version(r);
        if (!family.knownVersions().contains(version)) {
          throw new ProtocolException("MsgAcceptVersion chose " + family.family() + " version "
              + family.versionName(version) + ", which was not proposed");
        }
        yield new AcceptVersion<>(version, family.read(r, version));
      }
      case 2 -> {
        expectSize(size, 2, "MsgRefuse");
        yield new Refuse<>(readReason(r));
      }
      case 3 -> {
        expectSize(size, 2, "MsgQueryReply");
        yield new QueryReply<>(readTable(r));
      }
      default -> throw new ProtocolException("unknown handshake message tag " + tag);
    };
  }

  private void table(CborWriter w, SortedMap<Integer, D> versions) {
    w.map(versions.size());
    versions.forEach((v, d) -> {
      w.uint(v);
      family.write(w, v, d);
    });
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

  private SortedMap<Integer, D> readTable(CborReader r) throws CborException, ProtocolException {
    int n = r.readMapHeader();
    SortedMap<Integer, D> table = new TreeMap<>();
    long previous = -1;
    for (int i = 0; i < n; i++) {
      int at = r.position();
      int version = version(r);
      if (version <= previous) {
        throw new ProtocolException("version table keys must be strictly ascending: " + version + " after "
            + previous + " (byte " + at + ")");
      }
      previous = version;
      if (family.knownVersions().contains(version)) {
        table.put(version, family.read(r, version));
      } else {
        r.skip();
      }
    }
    return table;
  }

  private static RefuseReason readReason(CborReader r) throws CborException, ProtocolException {
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
