package io.palisade.ouroboros.handshake;

import io.palisade.ouroboros.ProtocolException;
import io.palisade.ouroboros.handshake.HandshakeMessage.RefuseReason;
import java.util.Locale;

/** The peer answered the handshake with {@code MsgRefuse}: it is listening, but will not talk to us as proposed. */
public final class HandshakeRefusedException extends ProtocolException {
  private static final long serialVersionUID = 1L;

  private final transient RefuseReason reason;

  /**
   * @param reason the peer's reason, which is also the message
   */
  public HandshakeRefusedException(RefuseReason reason) {
    this(reason.describe(), reason);
  }

  /**
   * @param message what happened, for operators (for example with the versions we offered)
   * @param reason the peer's reason
   */
  public HandshakeRefusedException(String message, RefuseReason reason) {
    super(message);
    this.reason = reason;
  }

  /** The peer's reason. */
  public RefuseReason reason() {
    return reason;
  }

  /**
   * Whether the refusal is about the network magic: cardano-node refuses a different magic with
   * {@code Refused v "version data mismatch: NodeToNodeVersionData {networkMagic = ...} /= ..."}.
   */
  public boolean magicMismatch() {
    return reason instanceof HandshakeMessage.Refused r
        && r.message().toLowerCase(Locale.ROOT).contains("magic");
  }
}
