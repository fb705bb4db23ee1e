package io.palisade.ouroboros.n2c;

import io.palisade.cbor.CborException;
import io.palisade.cbor.CborReader;
import io.palisade.cbor.CborWriter;
import io.palisade.ouroboros.CborMessages;
import io.palisade.ouroboros.ProtocolException;
import io.palisade.ouroboros.n2c.StakeSnapshots.PoolStake;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The CBOR of the answers to {@link LedgerQuery}, both ways (the client reads them, the responder writes them as
 * cardano-node does). A block query's answer is wrapped by the hard-fork combinator: {@code [result]} when the query's
 * era is the ledger's, {@code [eraOfQuery, eraOfLedger]} (an era mismatch) otherwise. The era-specific shapes live in
 * {@link PraosStateCodec}, {@link GenesisConfigCodec} and {@link ProtocolParametersCodec}.
 *
 * <pre>
 * GetCurrentEra     → eraIndex
 * GetEpochNo        → [epoch]
 * GetStakeSnapshots → [[{ * poolKeyHash => [mark, set, go] }, markTotal, setTotal, goTotal]]
 * </pre>
 */
public final class LedgerResultCodec {
  private LedgerResultCodec() {}

  /** A body that reads one result. */
  @FunctionalInterface
  interface ResultReader<T> {
    T read(CborReader r) throws CborException, ProtocolException;
  }

  /** Writes {@code GetCurrentEra}'s answer. */
  public static byte[] encodeEra(Era era) {
    return new CborWriter().uint(era.index()).toByteArray();
  }

  /** Reads {@code GetCurrentEra}'s answer. */
  public static Era decodeEra(byte[] result) throws ProtocolException {
    return CborMessages.decode(result, "GetCurrentEra result", r -> {
      long index = r.readUint();
      try {
        return Era.ofIndex(index);
      } catch (IllegalArgumentException e) {
        throw new ProtocolException("the node is in " + e.getMessage());
      }
    });
  }

  /** Writes {@code GetEpochNo}'s answer, wrapped. */
  public static byte[] encodeEpoch(long epoch) {
    return new CborWriter().array(1).uint(epoch).toByteArray();
  }

  /** Reads {@code GetEpochNo}'s answer. */
  public static long decodeEpoch(byte[] result) throws ProtocolException {
    return unwrap(result, "GetEpochNo result", CborReader::readUint);
  }

  /** Writes {@code GetStakeSnapshots}'s answer, wrapped. */
  public static byte[] encodeStakeSnapshots(StakeSnapshots s) {
    CborWriter w = new CborWriter().array(1).array(4).map(s.pools().size());
    s.pools().forEach((pool, stake) -> w.bytes(pool.bytes()).array(3).uint(stake.mark()).uint(stake.set())
        .uint(stake.go()));
    return w.uint(s.markTotal()).uint(s.setTotal()).uint(s.goTotal()).toByteArray();
  }

  /** Reads {@code GetStakeSnapshots}'s answer. */
  public static StakeSnapshots decodeStakeSnapshots(byte[] result) throws ProtocolException {
    return unwrap(result, "GetStakeSnapshots result", r -> {
      r.readArrayHeader(4, "StakeSnapshots");
      int n = r.readMapHeaderOrIndefinite();
      SortedMap<PoolId, PoolStake> pools = new TreeMap<>();
      for (int i = 0; r.hasNext(n, i); i++) {
        PoolId pool = PoolId.of(r.readBytesExactly(PoolId.BYTES, "a pool key hash"));
        r.readArrayHeader(3, "StakeSnapshot");
        pools.put(pool, new PoolStake(r.readUint(), r.readUint(), r.readUint()));
      }
      return new StakeSnapshots(pools, r.readUint(), r.readUint(), r.readUint());
    });
  }

  /** Wraps an era-specific answer as the hard-fork combinator does when the eras match: {@code [result]}. */
  public static byte[] wrap(byte[] result) {
    return new CborWriter().array(1).raw(result).toByteArray();
  }

  /** The answer to a block query asked in {@code queryEra} of a ledger in {@code ledgerEra}. */
  public static byte[] eraMismatch(Era queryEra, Era ledgerEra) {
    CborWriter w = new CborWriter().array(2);
    w.array(2).uint(queryEra.index()).text(name(queryEra));
    w.array(2).uint(ledgerEra.index()).text(name(ledgerEra));
    return w.toByteArray();
  }

  /**
   * Unwraps a block query's answer and reads it.
   *
   * @throws ProtocolException for an era mismatch (the message names both eras when it can) or malformed bytes
   */
  static <T> T unwrap(byte[] result, String what, ResultReader<T> body) throws ProtocolException {
    return CborMessages.decode(result, what, r -> {
      int n = r.readArrayHeader();
      if (n == 2) {
        throw new ProtocolException(what + ": era mismatch, the query was asked in " + eraOf(r) + " but the node's"
            + " ledger is in " + eraOf(r) + " (ask GetCurrentEra again)");
      }
      if (n != 1) {
        throw new ProtocolException(what + " must be [result] or an era mismatch, was an array of " + n);
      }
      return body.read(r);
    });
  }

  private static String eraOf(CborReader r) throws CborException {
    // MismatchEraInfo: each side names its era; read [index, name] when it has that shape, else skip it.
    if (r.peekMajorType() == 4) {
      int n = r.readArrayHeader();
      if (n == 2 && r.peekMajorType() == 0) {
        long index = r.readUint();
        r.skip();
        return index < Era.values().length ? name(Era.ofIndex(index)) : "era " + index;
      }
      for (int i = 0; i < n; i++) {
        r.skip();
      }
      return "another era";
    }
    r.skip();
    return "another era";
  }

  private static String name(Era era) {
    String n = era.name();
    return n.charAt(0) + n.substring(1).toLowerCase(java.util.Locale.ROOT);
  }
}
