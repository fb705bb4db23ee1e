package io.palisade.agent.chain;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON forms of {@link ForgeLoopLine}: a trace's {@code "kind"}, and the {@code "slot"} (and, adopted, the
 * {@code "blockHash"}) of the same object. Each key is placed in its innermost object by counting braces outside
 * strings, so a slot nested deeper (a point's) or in another object is not taken for the trace's. Not a JSON parser:
 * a line that is no JSON gives some answer or none, never an exception.
 */
final class ForgeLoopJson {
  private static final Map<String, ForgeLoopLine.Kind> KINDS = Map.of(
      "TraceAdoptedBlock", ForgeLoopLine.Kind.ADOPTED,
      "TraceDidntAdoptBlock", ForgeLoopLine.Kind.DIDNT_ADOPT,
      "TraceForgedInvalidBlock", ForgeLoopLine.Kind.FORGED_INVALID,
      "TraceNoLedgerView", ForgeLoopLine.Kind.NO_LEDGER_VIEW,
      "TraceNoLedgerState", ForgeLoopLine.Kind.NO_LEDGER_STATE,
      "TraceForgeStateUpdateError", ForgeLoopLine.Kind.FORGE_STATE_UPDATE_ERROR,
      "TraceNodeCannotForge", ForgeLoopLine.Kind.NODE_CANNOT_FORGE);
  private static final Pattern KIND = Pattern.compile("\"kind\"\\s*:\\s*\"(Trace[A-Za-z]{1,40})\"");
  private static final Pattern SLOT = Pattern.compile("\"slot\"\\s*:\\s*(\\d+)(?![\\d.eE])");
  private static final Pattern HASH = Pattern.compile("\"blockHash\"\\s*:\\s*\"([0-9a-fA-F]*)\"");

  private ForgeLoopJson() {}

  static Optional<ForgeLoopLine> parse(String line) {
    Matcher kind = KIND.matcher(line);
    int[] objects = null;
    while (kind.find()) {
      ForgeLoopLine.Kind k = KINDS.get(kind.group(1));
      if (k == null) {
        continue;
      }
      objects = objects == null ? objects(line) : objects;
      int object = objects[kind.start()];
      Optional<Long> slot = inObject(SLOT.matcher(line), objects, object).flatMap(ForgeLoopLine::slot);
      if (slot.isEmpty()) {
        return Optional.empty();
      }
      String hash = k == ForgeLoopLine.Kind.ADOPTED
          ? inObject(HASH.matcher(line), objects, object).map(ForgeLoopLine::fullHash).orElse("") : "";
      return Optional.of(new ForgeLoopLine(slot.get(), k, hash));
    }
    return Optional.empty();
  }

  /** The first group of the first match whose key is in {@code object}. */
  private static Optional<String> inObject(Matcher m, int[] objects, int object) {
    while (m.find()) {
      if (objects[m.start()] == object) {
        return Optional.of(m.group(1));
      }
    }
    return Optional.empty();
  }

  /**
   * For each character, the object it is in: objects are numbered as they open (0 is outside any), and a brace
   * inside a string opens or closes none.
   */
  private static int[] objects(String line) {
    int[] in = new int[line.length()];
    int[] stack = new int[line.length() + 1]; // bounded by the line, itself bounded by MAX_LINE
    int depth = 0;
    int opened = 0;
    boolean string = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (string) {
        if (c == '\\') {
          in[i] = stack[depth];
          i++; // the escaped character: no quote, no brace
          if (i < line.length()) {
            in[i] = stack[depth];
          }
          continue;
        }
        string = c != '"';
      } else if (c == '"') {
        string = true;
      } else if (c == '{') {
        stack[++depth] = ++opened;
      } else if (c == '}' && depth > 0) {
        in[i] = stack[depth--];
        continue;
      }
      in[i] = stack[depth];
    }
    return in;
  }
}
