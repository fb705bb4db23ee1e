package io.palisade.ouroboros.n2c;

import io.palisade.cbor.CborException;
import io.palisade.cbor.CborReader;
import io.palisade.cbor.CborWriter;
import io.palisade.ouroboros.ProtocolException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * {@code GetGenesisConfig}'s answer: cardano-ledger's {@code ShelleyGenesis} CBOR (the node's compact genesis: no
 * initial funds, no staking), an array of 15:
 * {@code [systemStart, networkMagic, networkId, activeSlotsCoeff, securityParam, epochLength, slotsPerKESPeriod,
 * maxKESEvolutions, slotLength, updateQuorum, maxLovelaceSupply, protocolParams, genDelegs, initialFunds, staking]}.
 * {@code systemStart} is {@code [year, dayOfYear, picosecondsOfDay]}, {@code activeSlotsCoeff} an untagged
 * {@code [num, den]}, {@code slotLength} microseconds. The last four are skipped when reading.
 */
public final class GenesisConfigCodec {
  private static final long PICOS_PER_SECOND = 1_000_000_000_000L;

  private GenesisConfigCodec() {}

  /** Writes the answer, wrapped; the Shelley protocol parameters are written as {@link ProtocolParametersCodec} does. */
  public static byte[] encode(GenesisConfig g) {
    CborWriter w = new CborWriter().array(1).array(15);
    LocalDate day = LocalDate.ofInstant(g.systemStart(), ZoneOffset.UTC);
    long secondOfDay = g.systemStart().getEpochSecond() - day.toEpochSecond(java.time.LocalTime.MIDNIGHT,
        ZoneOffset.UTC);
    w.array(3).uint(day.getYear()).uint(day.getDayOfYear())
        .uint(secondOfDay * PICOS_PER_SECOND + g.systemStart().getNano() * 1000L);
    w.uint(g.networkMagic()).uint(g.mainnet() ? 1 : 0);
    RatioCodec.write(w, g.activeSlotsCoeff(), false);
    w.uint(g.securityParam()).uint(g.epochLength()).uint(g.slotsPerKesPeriod()).uint(g.maxKesEvolutions())
        .uint(g.slotLengthMicros()).uint(g.updateQuorum()).uint(g.maxLovelaceSupply());
    w.raw(ProtocolParametersCodec.encodeEraParams(Era.SHELLEY, new ProtocolParameters(2, 0,
        java.util.Optional.of(new Ratio(1, 1)))));
    w.map(0).map(0).array(2).map(0).map(0);
    return w.toByteArray();
  }

  /** Reads the answer. */
  public static GenesisConfig decode(byte[] result) throws ProtocolException {
    return LedgerResultCodec.unwrap(result, "GetGenesisConfig result", GenesisConfigCodec::read);
  }

  private static GenesisConfig read(CborReader r) throws CborException, ProtocolException {
    int n = r.readArrayHeader();
    if (n != 15) {
      throw new ProtocolException("ShelleyGenesis must be an array of 15, was an array of " + n);
    }
    r.readArrayHeader(3, "systemStart");
    long year = r.readUint(1, 9999, "systemStart year");
    long dayOfYear = r.readUint(1, 366, "systemStart day of year");
    long picos = r.readUint(0, 86_401 * PICOS_PER_SECOND, "systemStart picoseconds of day");
    Instant start;
    try {
      start = LocalDate.ofYearDay((int) year, (int) dayOfYear).atStartOfDay(ZoneOffset.UTC).toInstant()
          .plusSeconds(picos / PICOS_PER_SECOND).plusNanos((picos % PICOS_PER_SECOND) / 1000);
    } catch (java.time.DateTimeException e) {
      throw new ProtocolException("systemStart is not a date: " + e.getMessage());
    }
    long magic = r.readUint(0, 0xffffffffL, "networkMagic");
    long networkId = r.readUint(0, 1, "networkId");
    Ratio f = RatioCodec.read(r, "activeSlotsCoeff");
    if (f.numerator() == 0 || f.numerator() > f.denominator()) {
      throw new ProtocolException("activeSlotsCoeff must be in (0, 1], was " + f);
    }
    long k = r.readUint(1, Long.MAX_VALUE, "securityParam");
    long epochLength = r.readUint(1, Long.MAX_VALUE, "epochLength");
    long slotsPerKes = r.readUint(1, Long.MAX_VALUE, "slotsPerKESPeriod");
    long maxKes = r.readUint();
    long slotLength = r.readUint();
    long quorum = r.readUint();
    long maxSupply = r.readUint();
    for (int i = 11; i < 15; i++) {
      r.skip();
    }
    return new GenesisConfig(start, magic, networkId == 1, f, k, epochLength, slotsPerKes, maxKes, slotLength,
        quorum, maxSupply);
  }
}
