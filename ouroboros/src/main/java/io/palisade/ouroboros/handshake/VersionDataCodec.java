package io.palisade.ouroboros.handshake;

import io.palisade.cbor.CborException;
import io.palisade.cbor.CborReader;
import io.palisade.cbor.CborWriter;
import io.palisade.ouroboros.ProtocolException;
import java.util.SortedSet;

/**
 * What differs between the handshakes of the protocol families (node-to-node, node-to-client): the version numbers
 * and the version data. {@link HandshakeCodec} does the rest once for all families.
 *
 * @param <D> the version data record of the family
 */
public interface VersionDataCodec<D> {
  /** The family's name for messages, e.g. "node-to-node". */
  String family();

  /** The versions this code speaks, ascending; a decoded table skips the others, as ouroboros-network does. */
  SortedSet<Integer> knownVersions();

  /** How a version is shown to operators (node-to-client versions carry a flag bit: 32784 is "V16"). */
  String versionName(int version);

  /**
   * Writes the version data of {@code version}.
   *
   * @param w the writer
   * @param version a known version
   * @param data its data
   */
  void write(CborWriter w, int version, D data);

  /**
   * Reads the version data of {@code version}.
   *
   * @param r the reader, at the data
   * @param version a known version
   * @return the data
   * @throws CborException if the bytes are not CBOR of the expected shape
   * @throws ProtocolException if a value breaks the specification
   */
  D read(CborReader r, int version) throws CborException, ProtocolException;

  /** The network magic in {@code data}. */
  long networkMagic(D data);

  /** Whether {@code data} asks for the version table only. */
  boolean query(D data);
}
