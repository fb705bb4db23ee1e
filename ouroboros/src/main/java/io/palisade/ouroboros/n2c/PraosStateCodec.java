package io.palisade.ouroboros.n2c;

import io.palisade.cbor.CborException;
import io.palisade.cbor.CborReader;
import io.palisade.cbor.CborWriter;
import io.palisade.ouroboros.ProtocolException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code DebugChainDepState}'s answer in the Praos eras: ouroboros-consensus {@code PraosState} with its version
 * wrapper, {@code [0, [lastSlot, {* issuerKeyHash => counter}, evolving, candidate, epoch, lab, lastEpochBlock]]};
 * node versions with Peras support add {@code previousEpoch} after {@code epoch} (8 fields). {@code lastSlot} is
 * {@code []} at the origin or {@code [slot]}; a nonce is {@code [0]} (neutral) or {@code [1, bytes .size 32]}.
 */
public final class PraosStateCodec {
  private PraosStateCodec() {}

  /** Writes the answer, wrapped (7 fields unless the state carries the previous epoch nonce). */
  public static byte[] encode(PraosState s) {
    CborWriter w = new CborWriter().array(1).array(2).uint(0).array(s.previousEpochNonce().isPresent() ? 8 : 7);
    if (s.lastSlot().isPresent()) {
      w.array(1).uint(s.lastSlot().getAsLong());
    } else {
      w.array(0);
    }
    w.map(s.opcertCounters().size());
    s.opcertCounters().forEach((pool, n) -> w.bytes(pool.bytes()).uint(n));
    nonce(w, s.evolvingNonce());
    nonce(w, s.candidateNonce());
    nonce(w, s.epochNonce());
    s.previousEpochNonce().ifPresent(n -> nonce(w, n));
    nonce(w, s.labNonce());
    nonce(w, s.lastEpochBlockNonce());
    return w.toByteArray();
  }

  /** Reads the answer. */
  public static PraosState decode(byte[] result) throws ProtocolException {
    return LedgerResultCodec.unwrap(result, "DebugChainDepState result", PraosStateCodec::read);
  }

  private static PraosState read(CborReader r) throws CborException, ProtocolException {
    r.readArrayHeader(2, "versioned PraosState");
    long version = r.readUint();
    if (version != 0) {
      throw new ProtocolException("PraosState encoding version " + version + " is not known (this code reads 0)");
    }
    int fields = r.readArrayHeader();
    if (fields != 7 && fields != 8) {
      throw new ProtocolException("PraosState must be an array of 7 or 8, was an array of " + fields
          + " (a TPraos state from an era before Babbage?)");
    }
    int slotSize = r.readArrayHeader();
    OptionalLong lastSlot;
    if (slotSize == 0) {
      lastSlot = OptionalLong.empty();
    } else if (slotSize == 1) {
      lastSlot = OptionalLong.of(r.readUint());
    } else {
      throw new ProtocolException("WithOrigin slot must be [] or [slot], was an array of " + slotSize);
    }
    SortedMap<PoolId, Long> counters = new TreeMap<>();
    int n = r.readMapHeaderOrIndefinite();
    for (int i = 0; r.hasNext(n, i); i++) {
      counters.put(PoolId.of(r.readBytesExactly(PoolId.BYTES, "a block issuer key hash")), r.readUint());
    }
    Nonce evolving = nonce(r);
    Nonce candidate = nonce(r);
    Nonce epoch = nonce(r);
    Optional<Nonce> previous = fields == 8 ? Optional.of(nonce(r)) : Optional.empty();
    Nonce lab = nonce(r);
    Nonce lastEpochBlock = nonce(r);
    return new PraosState(lastSlot, counters, evolving, candidate, epoch, previous, lab, lastEpochBlock);
  }

  static void nonce(CborWriter w, Nonce n) {
    if (n.neutral()) {
      w.array(1).uint(0);
    } else {
      w.array(2).uint(1).bytes(n.hash().orElseThrow());
    }
  }

  static Nonce nonce(CborReader r) throws CborException, ProtocolException {
    int size = r.readArrayHeader();
    long tag = r.readUint();
    if (tag == 0 && size == 1) {
      return Nonce.NEUTRAL;
    }
    if (tag == 1 && size == 2) {
      return Nonce.of(r.readBytesExactly(Nonce.BYTES, "a nonce"));
    }
    throw new ProtocolException("a nonce must be [0] or [1, hash], was tag " + tag + " in an array of " + size);
  }
}
