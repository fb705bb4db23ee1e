package io.palisade.ouroboros.n2c;

import io.palisade.cbor.CborException;
import io.palisade.cbor.CborReader;
import io.palisade.cbor.CborWriter;
import io.palisade.ouroboros.ProtocolException;

/**
 * Ledger rationals: {@code 30([num, den])} in protocol parameters (cardano-ledger's bounded rationals), untagged
 * {@code [num, den]} in the genesis (written at the Shelley protocol version, before tag 30). Both are read.
 */
final class RatioCodec {
  /** CBOR tag of a rational number (RFC 8949 registry, used by cardano-ledger). */
  static final int RATIONAL_TAG = 30;

  private RatioCodec() {}

  static void write(CborWriter w, Ratio ratio, boolean tagged) {
    if (tagged) {
      w.tag(RATIONAL_TAG);
    }
    w.array(2).uint(ratio.numerator()).uint(ratio.denominator());
  }

  static Ratio read(CborReader r, String what) throws CborException, ProtocolException {
    if (r.peekMajorType() == 6) {
      long tag = r.readTag();
      if (tag != RATIONAL_TAG) {
        throw new ProtocolException(what + " must be a rational (tag " + RATIONAL_TAG + "), had tag " + tag);
      }
    }
    r.readArrayHeader(2, what);
    long num = r.readUint();
    long den = r.readUint();
    if (den == 0) {
      throw new ProtocolException(what + " has denominator 0");
    }
    return new Ratio(num, den);
  }
}
