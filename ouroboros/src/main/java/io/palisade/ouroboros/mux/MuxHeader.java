package io.palisade.ouroboros.mux;

/**
 * The 8-byte header of one multiplexer segment (SDU), big-endian: 32-bit transmission time, the mode bit (set when
 * the responder sends) with the 15-bit mini-protocol number, and the 16-bit payload length (ouroboros-network
 * {@code network-mux/src/Network/Mux/Codec.hs}; the code, not its ASCII comment, is authoritative on the mode bit).
 *
 * @param timestamp lower 32 bits of the sender's monotonic clock in microseconds; receivers ignore it
 * @param protocol the mini-protocol number (see {@link MiniProtocol})
 * @param fromResponder whether the responder side of the mini-protocol sent this segment
 * @param length the payload length in bytes (at most 65535)
 */
public record MuxHeader(long timestamp, int protocol, boolean fromResponder, int length) {
  /** Header size in bytes. */
  public static final int SIZE = 8;

  /** Checks each field fits its width. */
  public MuxHeader {
    if (timestamp < 0 || timestamp > 0xffffffffL) {
      throw new IllegalArgumentException("timestamp must fit 32 unsigned bits, was: " + timestamp);
    }
    if (protocol < 0 || protocol > 0x7fff) {
      throw new IllegalArgumentException("mini-protocol number must be in 0..32767, was: " + protocol);
    }
    if (length < 0 || length > 0xffff) {
      throw new IllegalArgumentException("SDU payload length must be in 0..65535, was: " + length);
    }
  }

  /** The 8 header bytes. */
  public byte[] encode() {
    int mode = (fromResponder ? 0x8000 : 0) | protocol;
    return new byte[] {
      (byte) (timestamp >>> 24), (byte) (timestamp >>> 16), (byte) (timestamp >>> 8), (byte) timestamp,
      (byte) (mode >>> 8), (byte) mode,
      (byte) (length >>> 8), (byte) length
    };
  }

  /**
   * Decodes the 8 bytes at {@code offset}.
   *
   * @param bytes at least {@code offset + 8} bytes
   * @param offset where the header starts
   * @return the header
   */
  public static MuxHeader decode(byte[] bytes, int offset) {
    long ts = ((bytes[offset] & 0xffL) << 24) | ((bytes[offset + 1] & 0xffL) << 16)
        | ((bytes[offset + 2] & 0xffL) << 8) | (bytes[offset + 3] & 0xffL);
    int mode = ((bytes[offset + 4] & 0xff) << 8) | (bytes[offset + 5] & 0xff);
    int length = ((bytes[offset + 6] & 0xff) << 8) | (bytes[offset + 7] & 0xff);
    return new MuxHeader(ts, mode & 0x7fff, (mode & 0x8000) != 0, length);
  }
}
