package io.palisade.agent.chain;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of a cardano-node log that says its chain was extended by a block, and by which: the block's hash and
 * slot. Both tracing systems: the text form, legacy {@code ScText} and new tracing's human format alike
 * ({@code [host:cardano.node.ChainDB:Notice:90] [2021-09-12 09:53:50.35 UTC] Chain extended, new tip: ec71…44 at slot
 * 39874139}), and new tracing's machine format ({@code "kind":"AddedToCurrentChain"} with
 * {@code "newtip":"ec71…44@39874139"}).
 * A fork switch ({@code Switched to a fork, new tip: …}) is not an extension: when our block lost its slot to a
 * competitor after we adopted it, the competitor's tip comes as a switch, and must not be taken for ours.
 *
 * <p>The forge loop's own word is read too, and is better evidence: {@code Adopted block forged in slot S: HASH}
 * (legacy {@code ScText} and new tracing's human format print the same words) or {@code "kind":"TraceAdoptedBlock"}
 * with {@code "blockHash"} and {@code "slot"} (JSON: legacy {@code ScJson}, new tracing's machine format). It names
 * the block this node forged, where a chain extension in the slot may be a competitor's block that arrived first.
 * Pure; any line gives an answer, never an exception. The one reader of these lines: the single-host runtime's
 * {@code NodeLogBlocks} (the node's log file) and the operator (the producer's container log) both scan with
 * {@link NodeLogScan}, which reads them through this.
 *
 * @param slot the block's slot
 * @param hash its header hash, lower-case hex (64 digits)
 * @param forgedHere whether the line is the forge loop's adoption of a block this node forged (else a chain extension)
 */
public record ChainExtendedLine(long slot, String hash, boolean forgedHere) {
  /** Longest line looked at; a log line of cardano-node's is far shorter (a longer one is no such line). */
  public static final int MAX_LINE = 16_384;
  private static final Pattern TEXT = Pattern.compile("Chain extended, new tip: ([0-9a-fA-F]{64}) at slot (\\d{1,19})");
  private static final Pattern MACHINE = Pattern.compile(
      "\"newtip\"\\s*:\\s*\"([0-9a-fA-F]{64})@(\\d{1,19})\"");
  private static final Pattern ADOPTED_TEXT = Pattern.compile(
      "Adopted block forged in slot (\\d{1,19}): ([0-9a-fA-F]{64})(?![0-9a-fA-F])");
  private static final Pattern ADOPTED_KIND = Pattern.compile("\"kind\"\\s*:\\s*\"TraceAdoptedBlock\"");
  private static final Pattern JSON_HASH = Pattern.compile("\"blockHash\"\\s*:\\s*\"([0-9a-fA-F]{64})\"");
  private static final Pattern JSON_SLOT = Pattern.compile("\"slot\"\\s*:\\s*(\\d{1,19})(?![\\d.eE])");

  /** A chain extension (not the forge loop's word). */
  public ChainExtendedLine(long slot, String hash) {
    this(slot, hash, false);
  }

  /**
   * The extension a line reports.
   *
   * @param line a log line
   * @return the block, or empty when the line is no chain extension (or is malformed)
   */
  public static Optional<ChainExtendedLine> parse(String line) {
    if (line == null || line.length() > MAX_LINE) {
      return Optional.empty();
    }
    Optional<ChainExtendedLine> adopted = adoptedHere(line);
    if (adopted.isPresent()) {
      return adopted;
    }
    Matcher m = TEXT.matcher(line);
    if (!m.find()) {
      if (!line.contains("AddedToCurrentChain")) {
        return Optional.empty();
      }
      m = MACHINE.matcher(line);
      if (!m.find()) {
        return Optional.empty();
      }
    }
    try {
      return Optional.of(new ChainExtendedLine(Long.parseLong(m.group(2)), m.group(1).toLowerCase(Locale.ROOT)));
    } catch (NumberFormatException e) {
      return Optional.empty(); // a slot beyond a long: no slot of any chain
    }
  }

  /** The forge loop's adoption of a block it forged, in words or in JSON. */
  private static Optional<ChainExtendedLine> adoptedHere(String line) {
    try {
      Matcher m = ADOPTED_TEXT.matcher(line);
      if (m.find()) {
        return Optional.of(new ChainExtendedLine(Long.parseLong(m.group(1)), m.group(2).toLowerCase(Locale.ROOT),
            true));
      }
      if (!ADOPTED_KIND.matcher(line).find()) {
        return Optional.empty();
      }
      Matcher hash = JSON_HASH.matcher(line);
      Matcher slot = JSON_SLOT.matcher(line);
      // A short hash (a minimal detail level) names no block we can ask for: the chain extension may still.
      return hash.find() && slot.find() ? Optional.of(new ChainExtendedLine(Long.parseLong(slot.group(1)),
          hash.group(1).toLowerCase(Locale.ROOT), true)) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty(); // a slot beyond a long
    }
  }
}
