package io.palisade.agent.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.agent.chain.ForgeLoopLine.Kind;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The forge loop's per-slot lines of a real node: the text both tracing systems print, JSON in both nestings, and
 * hostile lines that give nothing and never an exception.
 */
class ForgeLoopLineTest {
  static final String HASH = "0a1b".repeat(16);
  static final String LEGACY = "[bp:cardano.node.Forge:Error:38] [2026-12-05 01:00:05.02 UTC] ";
  static final String NEW = "[bp:Forge.Loop.DidntAdoptBlock:Error:38] [2026-12-05 01:00:05.02 UTC] ";

  static Optional<ForgeLoopLine> parse(String line) {
    return ForgeLoopLine.parse(line);
  }

  @Test
  void eachTextForm_givesItsSlotAndKind_inEitherTracingSystem() {
    assertThat(parse(LEGACY + "Adopted block forged in slot 105: " + HASH.toUpperCase() + ", TxIds: [abc]"))
        .contains(new ForgeLoopLine(105, Kind.ADOPTED, HASH));
    assertThat(parse("[bp:Forge.Loop.AdoptedBlock:Info:38] [2026-12-05 01:00:05.02 UTC] Adopted block forged in slot"
        + " 105: " + HASH)).contains(new ForgeLoopLine(105, Kind.ADOPTED, HASH));
    assertThat(parse(LEGACY + "Didn't adopt forged block in slot 105"))
        .contains(new ForgeLoopLine(105, Kind.DIDNT_ADOPT, ""));
    assertThat(parse(NEW + "Didn't adopt forged block in slot 105"))
        .contains(new ForgeLoopLine(105, Kind.DIDNT_ADOPT, ""));
    assertThat(parse(LEGACY + "Forged invalid block in slot 7, reason: ExtValidationErrorLedger ..."))
        .contains(new ForgeLoopLine(7, Kind.FORGED_INVALID, ""));
    assertThat(parse(LEGACY + "Couldn't forge block because current tip is in the future: current tip slot: 110,"
        + " current slot: 108")).contains(new ForgeLoopLine(108, Kind.BLOCK_FROM_FUTURE, ""));
    assertThat(parse(LEGACY + "Could not obtain ledger view for slot 9"))
        .contains(new ForgeLoopLine(9, Kind.NO_LEDGER_VIEW, ""));
    assertThat(parse(LEGACY + "Could not obtain ledger state for point At (Point 7 abc, current), current slot: 12"))
        .contains(new ForgeLoopLine(12, Kind.NO_LEDGER_STATE, ""));
    assertThat(parse(LEGACY + "Updating the forge state in slot 13 failed because: KES key expired"))
        .contains(new ForgeLoopLine(13, Kind.FORGE_STATE_UPDATE_ERROR, ""));
    assertThat(parse(LEGACY + "We are the leader in slot 14, but we cannot forge because: not yet valid"))
        .contains(new ForgeLoopLine(14, Kind.NODE_CANNOT_FORGE, ""));
    assertThat(parse(LEGACY + "Didn't adopt forged block in slot 105").orElseThrow().trace())
        .isEqualTo("Forge.Loop.DidntAdoptBlock");
  }

  @Test
  void jsonInEitherNesting_readsTheTracesOwnSlot_notAPointsSlot() {
    assertThat(parse("{\"at\":\"2026-12-05T01:00:05Z\",\"ns\":\"Forge.Loop.DidntAdoptBlock\",\"data\":{\"kind\":"
        + "\"TraceDidntAdoptBlock\",\"slot\":105},\"sev\":\"Error\"}"))
        .contains(new ForgeLoopLine(105, Kind.DIDNT_ADOPT, ""));
    assertThat(parse("{\"at\":\"2026-12-05T01:00:05Z\",\"data\":{\"credentials\":\"Cardano\",\"val\":{\"blockHash\":\""
        + HASH + "\",\"kind\":\"TraceAdoptedBlock\",\"slot\":105}},\"ns\":[\"cardano.node.Forge\"]}"))
        .contains(new ForgeLoopLine(105, Kind.ADOPTED, HASH));
    // aeson orders keys: a point's own "slot" comes first, and is not the slot.
    assertThat(parse("{\"data\":{\"kind\":\"TraceNoLedgerState\",\"point\":{\"hash\":\"ab\",\"slot\":3},"
        + "\"slot\":12}}")).contains(new ForgeLoopLine(12, Kind.NO_LEDGER_STATE, ""));
    assertThat(parse("{\"data\":{\"val\":{\"kind\":\"TraceForgeStateUpdateError\",\"reason\":{\"kind\":\"x\"},"
        + "\"slot\":13}}}")).contains(new ForgeLoopLine(13, Kind.FORGE_STATE_UPDATE_ERROR, ""));
    assertThat(parse("{\"data\":{\"kind\":\"TraceNodeCannotForge\",\"slot\":14,\"reason\":\"}{\\\"slot\\\":1\"}}"))
        .contains(new ForgeLoopLine(14, Kind.NODE_CANNOT_FORGE, ""));
    assertThat(parse("{\"data\":{\"kind\":\"TraceForgedInvalidBlock\",\"slot\":7}}"))
        .contains(new ForgeLoopLine(7, Kind.FORGED_INVALID, ""));
    assertThat(parse("{\"data\":{\"kind\":\"TraceNoLedgerView\",\"slot\":9}}"))
        .contains(new ForgeLoopLine(9, Kind.NO_LEDGER_VIEW, ""));
  }

  @Test
  void otherAndHostileLines_giveNothing() {
    assertThat(parse(LEGACY + "Chain extended, new tip: " + HASH + " at slot 105")).isEmpty();
    assertThat(parse("{\"data\":{\"kind\":\"TraceBlockFromFuture\",\"slot\":108}}")).as("its JSON is not read")
        .isEmpty();
    assertThat(parse("{\"data\":{\"kind\":\"TraceDidntAdoptBlock\"},\"slot\":105}")).as("another object's slot")
        .isEmpty();
    assertThat(parse("{\"data\":{\"kind\":\"TraceDidntAdoptBlock\",\"slot\":1.5}}")).isEmpty();
    assertThat(parse(LEGACY + "Didn't adopt forged block in slot 99999999999999999999999")).as("beyond a long")
        .isEmpty();
    assertThat(parse("{\"data\":{\"kind\":\"TraceDidntAdoptBlock\",\"slot\":99999999999999999999}}")).isEmpty();
    assertThat(parse(LEGACY + "Didn't adopt forged block in slot 9223372036854775807"))
        .contains(new ForgeLoopLine(Long.MAX_VALUE, Kind.DIDNT_ADOPT, ""));
    // A short hash names no block the relays can be asked for: adopted all the same.
    assertThat(parse(LEGACY + "Adopted block forged in slot 105: 0a1b2c")).contains(new ForgeLoopLine(105,
        Kind.ADOPTED, ""));
    assertThat(parse("{\"data\":{\"blockHash\":\"0a1b\",\"kind\":\"TraceAdoptedBlock\",\"slot\":105}}"))
        .contains(new ForgeLoopLine(105, Kind.ADOPTED, ""));
    assertThat(parse(LEGACY + "Adopted block forged in slot 105: " + HASH + "ff")).contains(new ForgeLoopLine(105,
        Kind.ADOPTED, ""));
    String huge = LEGACY + "Didn't adopt forged block in slot 105 " + "x".repeat(ChainExtendedLine.MAX_LINE);
    assertThat(parse(huge)).isEmpty();
    assertThat(parse("{".repeat(ChainExtendedLine.MAX_LINE / 2) + "\"kind\":\"TraceNoLedgerView\",\"slot\":1"))
        .contains(new ForgeLoopLine(1, Kind.NO_LEDGER_VIEW, ""));
    assertThat(parse("}}}\"kind\":\"TraceNoLedgerView\"\\")).isEmpty();
    assertThat(parse(null)).isEmpty();
    assertThat(parse("")).isEmpty();
  }

  @Property
  void anyLine_givesAnAnswer_neverAnException(@ForAll String line) {
    assertThat(parse(line)).isNotNull();
    assertThat(parse("{\"kind\":\"TraceAdoptedBlock\",\"slot\":1," + line)).isNotNull();
    assertThat(parse(LEGACY + "Adopted block forged in slot " + line)).isNotNull();
  }
}
