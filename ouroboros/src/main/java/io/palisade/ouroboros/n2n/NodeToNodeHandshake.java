package io.palisade.ouroboros.n2n;

import io.palisade.cbor.CborException;
import io.palisade.cbor.CborReader;
import io.palisade.cbor.CborWriter;
import io.palisade.ouroboros.ProtocolException;
import io.palisade.ouroboros.handshake.HandshakeCodec;
import io.palisade.ouroboros.handshake.HandshakeMessage.ProposeVersions;
import io.palisade.ouroboros.handshake.VersionDataCodec;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The node-to-node handshake family, per {@code handshake-node-to-node-v14.cddl} and the version data of
 * {@code node-to-node-version-data-v14.cddl} / {@code -v16.cddl}.
 *
 * <pre>{@code
 * byte[] cbor = NodeToNodeHandshake.CODEC.encode(NodeToNodeHandshake.proposal(764824073, true));
 * }</pre>
 */
public final class NodeToNodeHandshake implements VersionDataCodec<NodeToNodeVersionData> {
  /** The node-to-node versions this code speaks: 14 (Plomin), 15 (SRV), 16 (adds perasSupport). */
  public static final SortedSet<Integer> KNOWN_VERSIONS =
      Collections.unmodifiableSortedSet(new TreeSet<>(List.of(14, 15, 16)));

  /** First version whose data has the fifth field, perasSupport. */
  public static final int FIRST_PERAS_VERSION = 16;

  /** The codec of node-to-node handshake messages. */
  public static final HandshakeCodec<NodeToNodeVersionData> CODEC = new HandshakeCodec<>(new NodeToNodeHandshake());

  private NodeToNodeHandshake() {}

  /**
   * The proposal a probe sends: every known version, initiator only, no peer sharing.
   *
   * @param networkMagic the network the probe expects
   * @param query true to ask only for the version table
   * @return the message
   */
  public static ProposeVersions<NodeToNodeVersionData> proposal(long networkMagic, boolean query) {
    SortedMap<Integer, NodeToNodeVersionData> table = new TreeMap<>();
    for (int v : KNOWN_VERSIONS) {
      table.put(v, NodeToNodeVersionData.probe(networkMagic, query));
    }
    return new ProposeVersions<>(table);
  }

  @Override
  public String family() {
    return "node-to-node";
  }

  @Override
  public SortedSet<Integer> knownVersions() {
    return KNOWN_VERSIONS;
  }

  @Override
  public String versionName(int version) {
    return Integer.toString(version);
  }

  @Override
  public void write(CborWriter w, int version, NodeToNodeVersionData d) {
    boolean peras = version >= FIRST_PERAS_VERSION;
    w.array(peras ? 5 : 4).uint(d.networkMagic()).bool(d.initiatorOnly()).uint(d.peerSharing()).bool(d.query());
    if (peras) {
      w.bool(d.perasSupport());
    }
  }

  @Override
  public NodeToNodeVersionData read(CborReader r, int version) throws CborException, ProtocolException {
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

  @Override
  public long networkMagic(NodeToNodeVersionData data) {
    return data.networkMagic();
  }

  @Override
  public boolean query(NodeToNodeVersionData data) {
    return data.query();
  }
}
