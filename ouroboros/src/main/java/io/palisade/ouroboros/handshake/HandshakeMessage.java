package io.palisade.ouroboros.handshake;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The handshake messages, the same four in every protocol family ({@code handshake-node-to-node-v14.cddl},
 * {@code handshake-node-to-client.cddl}); only the version numbers and data differ. Encode and decode with a
 * {@link HandshakeCodec}.
 *
 * @param <D> the family's version data
 */
public sealed interface HandshakeMessage<D> {

  /**
   * {@code [0, versionTable]}: the initiator's offer.
   *
   * @param versions version number to version data, in ascending order
   * @param <D> the family's version data
   */
  record ProposeVersions<D>(SortedMap<Integer, D> versions) implements HandshakeMessage<D> {
    /** Copies the table. */
    public ProposeVersions {
      versions = Collections.unmodifiableSortedMap(new TreeMap<>(versions));
    }
  }

  /**
   * {@code [1, versionNumber, versionData]}: the responder's choice.
   *
   * @param version the chosen version
   * @param data the negotiated version data
   * @param <D> the family's version data
   */
  record AcceptVersion<D>(int version, D data) implements HandshakeMessage<D> {
    /** Requires the data. */
    public AcceptVersion {
      Objects.requireNonNull(data, "data");
    }
  }

  /**
   * {@code [2, refuseReason]}: the responder declines.
   *
   * @param reason why
   * @param <D> the family's version data
   */
  record Refuse<D>(RefuseReason reason) implements HandshakeMessage<D> {
    /** Requires the reason. */
    public Refuse {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * {@code [3, versionTable]}: the responder's versions, sent instead of an accept when the initiator asked with
   * {@code query = true}; the connection then closes.
   *
   * @param versions version number to version data, in ascending order
   * @param <D> the family's version data
   */
  record QueryReply<D>(SortedMap<Integer, D> versions) implements HandshakeMessage<D> {
    /** Copies the table. */
    public QueryReply {
      versions = Collections.unmodifiableSortedMap(new TreeMap<>(versions));
    }
  }

  /** Why a responder refused. */
  sealed interface RefuseReason {
    /** A sentence for operators. */
    String describe();
  }

  /**
   * {@code [0, [*versionNumber]]}: no version in common.
   *
   * @param versions the versions the responder supports
   */
  record VersionMismatch(List<Integer> versions) implements RefuseReason {
    /** Copies the list. */
    public VersionMismatch {
      versions = List.copyOf(versions);
    }

    @Override
    public String describe() {
      return "no common version (the peer supports " + versions + ")";
    }
  }

  /**
   * {@code [1, versionNumber, tstr]}: the responder could not decode the version data.
   *
   * @param version the version whose data failed
   * @param message the responder's explanation
   */
  record HandshakeDecodeError(int version, String message) implements RefuseReason {
    @Override
    public String describe() {
      return "the peer could not decode our version " + version + " data: " + message;
    }
  }

  /**
   * {@code [2, versionNumber, tstr]}: the responder refused the version data (for example a different network
   * magic: "version data mismatch").
   *
   * @param version the version refused
   * @param message the responder's explanation
   */
  record Refused(int version, String message) implements RefuseReason {
    @Override
    public String describe() {
      return "the peer refused version " + version + ": " + message;
    }
  }
}
