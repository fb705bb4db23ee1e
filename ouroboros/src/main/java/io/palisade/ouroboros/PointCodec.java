package io.palisade.ouroboros;

import io.palisade.cbor.CborException;
import io.palisade.cbor.CborReader;
import io.palisade.cbor.CborWriter;
import java.util.HexFormat;

/**
 * Cardano's encodings of {@code base.point} ({@code []} or {@code [slot, hash]}) and {@code base.tip}
 * ({@code [point, blockNo]}), shared by chain-sync and local-state-query.
 */
public final class PointCodec {
  private PointCodec() {}

  /** Writes a point. */
  public static void write(CborWriter w, Point p) {
    if (p instanceof Point.BlockPoint b) {
      w.array(2).uint(b.slot()).bytes(b.hashBytes());
    } else {
      w.array(0);
    }
  }

  /** Writes a tip. */
  public static void write(CborWriter w, ChainTip t) {
    w.array(2);
    write(w, t.point());
    w.uint(t.blockNo());
  }

  /**
   * Reads a point.
   *
   * @throws CborException if the bytes are not CBOR of that shape
   * @throws ProtocolException if the point is not {@code []} or {@code [slot, hash]} with a non-empty hash
   */
  public static Point readPoint(CborReader r) throws CborException, ProtocolException {
    int at = r.position();
    int n = r.readArrayHeader();
    if (n == 0) {
      return Point.ORIGIN;
    }
    if (n != 2) {
      throw new ProtocolException("a point must be [] or [slot, hash], was an array of " + n + " (byte " + at + ")");
    }
    long slot = r.readUint();
    byte[] hash = r.readBytes(Point.BlockPoint.MAX_HASH_BYTES);
    if (hash.length == 0) {
      throw new ProtocolException("a point's hash is empty (byte " + at + ")");
    }
    return new Point.BlockPoint(slot, HexFormat.of().formatHex(hash));
  }

  /**
   * Reads a tip.
   *
   * @throws CborException if the bytes are not CBOR of that shape
   * @throws ProtocolException if the point inside is malformed
   */
  public static ChainTip readTip(CborReader r) throws CborException, ProtocolException {
    r.readArrayHeader(2, "a tip");
    Point p = readPoint(r);
    long blockNo = r.readUint();
    return new ChainTip(p, blockNo);
  }
}
