package io.palisade.ouroboros.n2c;

import io.palisade.cbor.CborException;
import io.palisade.cbor.CborReader;
import io.palisade.cbor.CborWriter;
import io.palisade.ouroboros.CborMessages;
import io.palisade.ouroboros.ProtocolException;
import io.palisade.ouroboros.n2c.LedgerQuery.BlockQuery;
import io.palisade.ouroboros.n2c.LedgerQuery.ChainDepState;
import io.palisade.ouroboros.n2c.LedgerQuery.CurrentEra;
import io.palisade.ouroboros.n2c.LedgerQuery.CurrentPParams;
import io.palisade.ouroboros.n2c.LedgerQuery.EpochNo;
import io.palisade.ouroboros.n2c.LedgerQuery.GenesisConfigQuery;
import io.palisade.ouroboros.n2c.LedgerQuery.StakeSnapshotsQuery;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The CBOR of {@link LedgerQuery}, as cardano-node's consensus layer reads it (ouroboros-consensus
 * {@code Ouroboros.Consensus.Ledger.Query}, the hard-fork combinator's {@code QueryIfCurrent}/{@code QueryHardFork},
 * {@code Shelley.Ledger.Query.encodeShelleyQuery}):
 *
 * <pre>
 * query        = [0, hfcQuery]                        ; BlockQuery (top-level tags 1..: system start, chain point...)
 * hfcQuery     = [0, [eraIndex, shelleyQuery]]        ; QueryIfCurrent
 *              / [2, [1]]                             ; QueryHardFork GetCurrentEra
 * shelleyQuery = [1] / [3] / [11] / [13]              ; GetEpochNo, GetCurrentPParams, GetGenesisConfig, DebugChainDepState
 *              / [20, [] / [258([* poolKeyHash])]]    ; GetStakeSnapshots (Maybe (Set (KeyHash StakePool)))
 * </pre>
 */
public final class LedgerQueryCodec {
  /** CBOR tag of a set (cardano-binary's {@code encodeSetSkel}). */
  public static final int SET_TAG = 258;

  private LedgerQueryCodec() {}

  /** Encodes a query. */
  public static byte[] encode(LedgerQuery query) {
    CborWriter w = new CborWriter().array(2).uint(0);
    if (query instanceof CurrentEra) {
      w.array(2).uint(2).array(1).uint(1);
      return w.toByteArray();
    }
    BlockQuery q = (BlockQuery) query;
    w.array(2).uint(0).array(2).uint(q.era().index());
    if (q instanceof EpochNo) {
      w.array(1).uint(1);
    } else if (q instanceof CurrentPParams) {
      w.array(1).uint(3);
    } else if (q instanceof GenesisConfigQuery) {
      w.array(1).uint(11);
    } else if (q instanceof ChainDepState) {
      w.array(1).uint(13);
    } else {
      StakeSnapshotsQuery s = (StakeSnapshotsQuery) q;
      w.array(2).uint(20);
      if (s.pools().isEmpty()) {
        w.array(0);
      } else {
        w.array(1).tag(SET_TAG).array(s.pools().size());
        s.pools().forEach(p -> w.bytes(p.bytes()));
      }
    }
    return w.toByteArray();
  }

  /**
   * Decodes a query, for a responder. Queries this code does not ask are refused.
   *
   * @param cbor the query's CBOR
   * @return the query
   * @throws ProtocolException for a malformed query or one this code does not serve
   */
  public static LedgerQuery decode(byte[] cbor) throws ProtocolException {
    return CborMessages.decode(cbor, "ledger query", LedgerQueryCodec::read);
  }

  private static LedgerQuery read(CborReader r) throws CborException, ProtocolException {
    int size = r.readArrayHeader();
    long tag = r.readUint();
    if (tag != 0 || size != 2) {
      throw new ProtocolException("top-level query " + tag + " is not served (only BlockQuery, tag 0)");
    }
    int hfcSize = r.readArrayHeader();
    long hfcTag = r.readUint();
    if (hfcTag == 2 && hfcSize == 2) {
      r.readArrayHeader(1, "a hard-fork query");
      long hf = r.readUint();
      if (hf != 1) {
        throw new ProtocolException("hard-fork query " + hf + " is not served (only GetCurrentEra, 1)");
      }
      return new CurrentEra();
    }
    if (hfcTag != 0 || hfcSize != 2) {
      throw new ProtocolException("hard-fork combinator query " + hfcTag + " is not served (QueryIfCurrent 0 and"
          + " QueryHardFork 2 are)");
    }
    r.readArrayHeader(2, "QueryIfCurrent's era-indexed query");
    long index = r.readUint();
    Era era;
    try {
      era = Era.ofIndex(index);
    } catch (IllegalArgumentException e) {
      throw new ProtocolException(e.getMessage());
    }
    if (!era.shelleyBased()) {
      throw new ProtocolException("Byron ledger queries are not served");
    }
    int qSize = r.readArrayHeader();
    long q = r.readUint();
    if (qSize == 1) {
      switch ((int) Math.min(q, Integer.MAX_VALUE)) {
        case 1:
          return new EpochNo(era);
        case 3:
          return new CurrentPParams(era);
        case 11:
          return new GenesisConfigQuery(era);
        case 13:
          return new ChainDepState(era);
        default:
          break;
      }
    } else if (qSize == 2 && q == 20) {
      return new StakeSnapshotsQuery(era, readPools(r));
    }
    throw new ProtocolException("Shelley query " + q + " (an array of " + qSize + ") is not served; this responder"
        + " answers GetEpochNo, GetCurrentPParams, GetGenesisConfig, DebugChainDepState and GetStakeSnapshots");
  }

  private static SortedSet<PoolId> readPools(CborReader r) throws CborException, ProtocolException {
    int maybe = r.readArrayHeader();
    SortedSet<PoolId> pools = new TreeSet<>();
    if (maybe == 0) {
      return pools;
    }
    if (maybe != 1) {
      throw new ProtocolException("a Maybe must be [] or [x], was an array of " + maybe);
    }
    if (r.peekMajorType() == 6) {
      long tag = r.readTag();
      if (tag != SET_TAG) {
        throw new ProtocolException("a set of pools must carry tag " + SET_TAG + ", had tag " + tag);
      }
    }
    int n = r.readArrayHeaderOrIndefinite();
    for (int i = 0; r.hasNext(n, i); i++) {
      pools.add(PoolId.of(r.readBytesExactly(PoolId.BYTES, "a pool key hash")));
    }
    return pools;
  }
}
