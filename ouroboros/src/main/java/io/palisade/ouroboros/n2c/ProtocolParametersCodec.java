package io.palisade.ouroboros.n2c;

import io.palisade.cbor.CborException;
import io.palisade.cbor.CborReader;
import io.palisade.cbor.CborWriter;
import io.palisade.ouroboros.ProtocolException;
import java.util.Optional;

/**
 * {@code GetCurrentPParams}'s answer: the era's protocol parameters as a positional array (cardano-ledger
 * {@code EncCBOR (PParams era)}). What the leader check reads sits at the same places in every era's layout:
 *
 * <pre>
 * Shelley..Alonzo: [minFeeA, minFeeB, maxBBSize, maxTxSize, maxBHSize, keyDeposit, poolDeposit, eMax, nOpt,
 *                   a0, rho, tau, d, extraEntropy, major, minor, ...]     ; d at 12, protocol version flattened
 * Babbage (22), Conway (31): [..., tau, [major, minor], minPoolCost, ...] ; no d, protocol version at 12
 * </pre>
 *
 * A flattened protocol version is read in either layout. When writing (for a responder), the fields the leader check
 * does not read carry fixed values: mainnet's at the Conway hard fork (documented in docs/node-to-client.md).
 */
public final class ProtocolParametersCodec {
  private ProtocolParametersCodec() {}

  /** Writes the answer for a ledger in {@code era}, wrapped. */
  public static byte[] encode(Era era, ProtocolParameters pp) {
    return LedgerResultCodec.wrap(encodeEraParams(era, pp));
  }

  /** Reads the answer of a ledger in {@code era}. */
  public static ProtocolParameters decode(Era era, byte[] result) throws ProtocolException {
    return LedgerResultCodec.unwrap(result, "GetCurrentPParams result", r -> read(r, era));
  }

  private static ProtocolParameters read(CborReader r, Era era) throws CborException, ProtocolException {
    int n = r.readArrayHeader();
    int expected = era == Era.BABBAGE ? 22 : era.praos() ? 31 : 0;
    if (expected > 0 && era != Era.DIJKSTRA && n != expected) {
      throw new ProtocolException(era + " protocol parameters must be an array of " + expected + ", was an array of "
          + n);
    }
    if (n < 16) {
      throw new ProtocolException("protocol parameters must have at least 16 fields, had " + n);
    }
    for (int i = 0; i < 12; i++) {
      r.skip();
    }
    int read = 12;
    Optional<Ratio> d = Optional.empty();
    if (!era.praos()) {
      d = Optional.of(RatioCodec.read(r, "decentralisation parameter d"));
      r.skip(); // extraEntropy
      read += 2;
    }
    long major;
    long minor;
    if (r.peekMajorType() == 4) {
      r.readArrayHeader(2, "protocolVersion");
      major = r.readUint();
      minor = r.readUint();
      read++;
    } else {
      major = r.readUint();
      minor = r.readUint();
      read += 2;
    }
    for (int i = read; i < n; i++) {
      r.skip();
    }
    return new ProtocolParameters(major, minor, d);
  }

  /** The era's parameter array, unwrapped (also inside the genesis). */
  static byte[] encodeEraParams(Era era, ProtocolParameters pp) {
    CborWriter w = new CborWriter();
    int fields = era == Era.BABBAGE ? 22 : era.praos() ? 31 : 18;
    w.array(fields).uint(44).uint(155_381).uint(90_112).uint(16_384).uint(1_100).uint(2_000_000).uint(500_000_000)
        .uint(18).uint(500);
    RatioCodec.write(w, new Ratio(3, 10), true);
    RatioCodec.write(w, new Ratio(3, 1000), true);
    RatioCodec.write(w, new Ratio(1, 5), true);
    if (!era.praos()) {
      RatioCodec.write(w, pp.decentralisation().orElse(new Ratio(0, 1)), true);
      w.array(1).uint(0); // extraEntropy: the neutral nonce
      w.uint(pp.protocolMajor()).uint(pp.protocolMinor());
      w.uint(1_000_000).uint(340_000_000); // minUTxOValue, minPoolCost
      return w.toByteArray();
    }
    w.array(2).uint(pp.protocolMajor()).uint(pp.protocolMinor());
    w.uint(170_000_000).uint(4_310).map(0); // minPoolCost, coinsPerUTxOByte, costModels (none written)
    w.array(2);
    RatioCodec.write(w, new Ratio(577, 10_000), true);
    RatioCodec.write(w, new Ratio(721, 10_000_000), true);
    w.array(2).uint(14_000_000).uint(10_000_000_000L).array(2).uint(62_000_000).uint(20_000_000_000L);
    w.uint(5_000).uint(150).uint(3);
    if (era == Era.BABBAGE) {
      return w.toByteArray();
    }
    w.array(5);
    for (int i = 0; i < 5; i++) {
      RatioCodec.write(w, new Ratio(51, 100), true);
    }
    w.array(10);
    for (int i = 0; i < 10; i++) {
      RatioCodec.write(w, new Ratio(67, 100), true);
    }
    w.uint(7).uint(146).uint(6).uint(100_000_000_000L).uint(500_000_000).uint(20);
    RatioCodec.write(w, new Ratio(15, 1), true);
    return w.toByteArray();
  }
}
