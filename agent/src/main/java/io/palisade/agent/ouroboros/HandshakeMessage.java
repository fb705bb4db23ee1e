package io.palisade.agent.ouroboros;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The node-to-node handshake messages ({@code handshake-node-to-node-v14.cddl}); encode and decode with
 * {@link HandshakeCodec}.
 */
public sealed interface HandshakeMessage {

  /**
   * {@code [0, versionTable]}: the initiator's offer.
   *
   * @param versions version number to version data, in ascending order
   */
  record ProposeVersions(SortedMap<Integer, NodeToNodeVersionData> versions) implements HandshakeMessage {
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
   */
  record AcceptVersion(int version, NodeToNodeVersionData data) implements HandshakeMessage {
    /** Requires the data. */
    public AcceptVersion {
      Objects.requireNonNull(data, "data");
    }
  }

  /**
   * {@code [2, refuseReason]}: the responder declines.
   *
   * @param reason why
   */
  record Refuse(RefuseReason reason) implements HandshakeMessage {
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
   */
  record QueryReply(SortedMap<Integer, NodeToNodeVersionData> versions) implements HandshakeMessage {
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
      return "no common node-to-node version (the peer supports " + versions + ")";
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
