package io.palisade.ouroboros.n2c;

import io.palisade.cbor.CborException;
import io.palisade.cbor.CborReader;
import io.palisade.cbor.CborWriter;
import io.palisade.ouroboros.ProtocolException;
import io.palisade.ouroboros.handshake.HandshakeCodec;
import io.palisade.ouroboros.handshake.HandshakeMessage.ProposeVersions;
import io.palisade.ouroboros.handshake.VersionDataCodec;
import java.util.Collections;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The node-to-client handshake family, per {@code handshake-node-to-client.cddl}: versions V16..V23, written with
 * bit 15 set (32784..32791), each with {@code [networkMagic, query]}. cardano-node 10.x accepts V16 up to the
 * version of its release and 11.x up to V23; a client proposing all of them gets the highest both know.
 *
 * <pre>{@code
 * byte[] cbor = NodeToClientHandshake.CODEC.encode(NodeToClientHandshake.proposal(764824073, false));
 * }</pre>
 */
public final class NodeToClientHandshake implements VersionDataCodec<NodeToClientVersionData> {
  /** The bit node-to-client version numbers carry on the wire since version 2. */
  public static final int VERSION_FLAG = 0x8000;
  /** Lowest node-to-client version this code speaks (V16, the Conway queries). */
  public static final int FIRST_VERSION = 16;
  /** Highest node-to-client version this code speaks (V23, cardano-node 11.x). */
  public static final int LAST_VERSION = 23;

  /** The wire numbers of V16..V23. */
  public static final SortedSet<Integer> KNOWN_VERSIONS;

  static {
    SortedSet<Integer> versions = new TreeSet<>();
    for (int v = FIRST_VERSION; v <= LAST_VERSION; v++) {
      versions.add(wire(v));
    }
    KNOWN_VERSIONS = Collections.unmodifiableSortedSet(versions);
  }

  /** The codec of node-to-client handshake messages. */
  public static final HandshakeCodec<NodeToClientVersionData> CODEC =
      new HandshakeCodec<>(new NodeToClientHandshake());

  private NodeToClientHandshake() {}

  /** The wire number of version {@code n} (16 gives 32784). */
  public static int wire(int n) {
    return VERSION_FLAG | n;
  }

  /**
   * Every known version with our magic.
   *
   * @param networkMagic the network the node should be on
   * @param query true to ask only for the version table
   * @return the proposal
   */
  public static ProposeVersions<NodeToClientVersionData> proposal(long networkMagic, boolean query) {
    SortedMap<Integer, NodeToClientVersionData> table = new TreeMap<>();
    for (int v : KNOWN_VERSIONS) {
      table.put(v, new NodeToClientVersionData(networkMagic, query));
    }
    return new ProposeVersions<>(table);
  }

  @Override
  public String family() {
    return "node-to-client";
  }

  @Override
  public SortedSet<Integer> knownVersions() {
    return KNOWN_VERSIONS;
  }

  @Override
  public String versionName(int version) {
    return (version & VERSION_FLAG) != 0 ? "V" + (version & ~VERSION_FLAG) + " (" + version + ")"
        : Integer.toString(version);
  }

  @Override
  public void write(CborWriter w, int version, NodeToClientVersionData d) {
    w.array(2).uint(d.networkMagic()).bool(d.query());
  }

  @Override
  public NodeToClientVersionData read(CborReader r, int version) throws CborException, ProtocolException {
    r.readArrayHeader(2, "node-to-client version " + versionName(version) + " data");
    long magic = r.readUint(0, 0xffffffffL, "networkMagic");
    return new NodeToClientVersionData(magic, r.readBool());
  }

  @Override
  public long networkMagic(NodeToClientVersionData data) {
    return data.networkMagic();
  }

  @Override
  public boolean query(NodeToClientVersionData data) {
    return data.query();
  }
}
