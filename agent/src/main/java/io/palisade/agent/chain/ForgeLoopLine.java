package io.palisade.agent.chain;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of a cardano-node log in which its forge loop says what became of one of its leader slots: a block it
 * forged (adopted, not adopted, invalid) or why it forged none (a block from the future at its tip, no ledger view or
 * state, a forge state it could not update, a node that cannot forge). Both tracing systems print the same words in
 * text (legacy {@code ScText}, new tracing's human format): {@code [host:cardano.node.Forge:Error:38] [2026-12-05
 * 01:00:05.02 UTC] Didn't adopt forged block in slot 105}. In JSON (legacy {@code ScJson}, new tracing's machine
 * format) the trace's {@code "kind"} (e.g. {@code TraceDidntAdoptBlock}) and its {@code "slot"} are read from one
 * object, however deeply nested ({@code "data"}, {@code "data":{"val":…}}); a {@code "slot"} of another object (a
 * point) is not the slot. {@code TraceBlockFromFuture}'s JSON is not read: its field names are not certain, and the
 * text form says it.
 *
 * <p>Pure; any line gives an answer, never an exception (a log is written by a process we do not control). The
 * kinds are agent's own: agent does not depend on control, whose callers map them to their outcomes.
 *
 * @param slot the leader slot the line speaks of
 * @param kind what the forge loop said of it
 * @param blockHash the adopted block's header hash (64 lower-case hex digits), or empty (another kind, or a hash too
 *     short to ask the relays for)
 */
public record ForgeLoopLine(long slot, Kind kind, String blockHash) {
  /** What the forge loop said of a slot, with new tracing's namespace for it. */
  public enum Kind {
    /** Forged and adopted ({@code TraceAdoptedBlock}). */
    ADOPTED("Forge.Loop.AdoptedBlock"),
    /** Forged, not adopted: another block in the slot won ({@code TraceDidntAdoptBlock}). */
    DIDNT_ADOPT("Forge.Loop.DidntAdoptBlock"),
    /** Forged, refused by the node's own ledger ({@code TraceForgedInvalidBlock}). */
    FORGED_INVALID("Forge.Loop.ForgedInvalidBlock"),
    /** The tip was in a later slot than the one checked ({@code TraceBlockFromFuture}). */
    BLOCK_FROM_FUTURE("Forge.Loop.BlockFromFuture"),
    /** The slot's ledger view could not be forecast from the tip ({@code TraceNoLedgerView}). */
    NO_LEDGER_VIEW("Forge.Loop.NoLedgerView"),
    /** No ledger state for the tip's point ({@code TraceNoLedgerState}). */
    NO_LEDGER_STATE("Forge.Loop.NoLedgerState"),
    /** The forge state (the KES key) could not be updated ({@code TraceForgeStateUpdateError}). */
    FORGE_STATE_UPDATE_ERROR("Forge.Loop.ForgeStateUpdateError"),
    /** Leader, but the node cannot forge ({@code TraceNodeCannotForge}). */
    NODE_CANNOT_FORGE("Forge.Loop.NodeCannotForge");

    private final String trace;

    Kind(String trace) {
      this.trace = trace;
    }

    /** New tracing's namespace of the trace, e.g. {@code Forge.Loop.DidntAdoptBlock}. */
    public String trace() {
      return trace;
    }
  }

  /** The text forms: each names the slot in its first group. */
  private static final Pattern[] TEXT = {
      Pattern.compile("Adopted block forged in slot (\\d+): ([0-9a-fA-F]*)"),
      Pattern.compile("Didn't adopt forged block in slot (\\d+)"),
      Pattern.compile("Forged invalid block in slot (\\d+)"),
      Pattern.compile("Couldn't forge block because current tip is in the future: current tip slot: \\d+, current slot:"
          + " (\\d+)"),
      Pattern.compile("Could not obtain ledger view for slot (\\d+)"),
      Pattern.compile("Could not obtain ledger state for point [^\\n]*?, current slot: (\\d+)"),
      Pattern.compile("Updating the forge state in slot (\\d+) failed because"),
      Pattern.compile("We are the leader in slot (\\d+), but we cannot forge because")};
  private static final Kind[] TEXT_KINDS = {Kind.ADOPTED, Kind.DIDNT_ADOPT, Kind.FORGED_INVALID,
      Kind.BLOCK_FROM_FUTURE, Kind.NO_LEDGER_VIEW, Kind.NO_LEDGER_STATE, Kind.FORGE_STATE_UPDATE_ERROR,
      Kind.NODE_CANNOT_FORGE};
  private static final Pattern HASH = Pattern.compile("[0-9a-fA-F]{64}");

  /** Checks the fields. */
  public ForgeLoopLine {
    Objects.requireNonNull(kind, "kind");
    blockHash = blockHash == null ? "" : blockHash;
  }

  /** New tracing's namespace of the line's trace, e.g. {@code Forge.Loop.DidntAdoptBlock}. */
  public String trace() {
    return kind.trace();
  }

  /**
   * What a line says of a leader slot.
   *
   * @param line a log line
   * @return the slot and what the forge loop said of it, or empty when the line is no such line (or is malformed, or
   *     longer than {@link ChainExtendedLine#MAX_LINE})
   */
  public static Optional<ForgeLoopLine> parse(String line) {
    if (line == null || line.length() > ChainExtendedLine.MAX_LINE) {
      return Optional.empty();
    }
    try {
      return line.contains("\"kind\"") ? ForgeLoopJson.parse(line) : text(line);
    } catch (RuntimeException e) {
      return Optional.empty(); // never expected; a line we cannot read is no line of the forge loop's
    }
  }

  private static Optional<ForgeLoopLine> text(String line) {
    if (!line.contains(" slot")) {
      return Optional.empty();
    }
    for (int i = 0; i < TEXT.length; i++) {
      Matcher m = TEXT[i].matcher(line);
      if (m.find()) {
        Kind kind = TEXT_KINDS[i];
        String hash = kind == Kind.ADOPTED ? fullHash(m.group(2)) : "";
        return slot(m.group(1)).map(s -> new ForgeLoopLine(s, kind, hash));
      }
    }
    return Optional.empty();
  }

  /** A slot in decimal, or empty when beyond a long (no slot of any chain). */
  static Optional<Long> slot(String digits) {
    if (digits.length() > 19) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(digits));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The hash when it is a whole one (a shorter one names no block the relays can be asked for), else empty. */
  static String fullHash(String hash) {
    return HASH.matcher(hash).matches() ? hash.toLowerCase(Locale.ROOT) : "";
  }
}
