package io.palisade.ouroboros;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the one-line rules of an ouroboros-network CDDL file: {@code name = [a, b, c]} (array rules, first alternative)
 * and {@code name = 14 / 15} (choices of literals). Enough to check this code's tags, arities and version numbers
 * against the official specification, not a CDDL implementation.
 */
final class CddlRules {
  private static final Pattern RULE = Pattern.compile("^\\s*([A-Za-z][\\w.-]*)\\s*=\\s*(.+?)\\s*$");

  private final Map<String, String> rules = new LinkedHashMap<>();

  CddlRules(Path file) {
    try {
      for (String line : Files.readAllLines(file)) {
        String l = line.contains(";") ? line.substring(0, line.indexOf(';')) : line;
        Matcher m = RULE.matcher(l);
        if (m.matches()) {
          rules.putIfAbsent(m.group(1), m.group(2));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The elements of an array rule's first alternative: {@code [4, base.points]} gives {@code ["4", "base.points"]}. */
  List<String> array(String name) {
    String body = rules.get(name);
    if (body == null || !body.startsWith("[")) {
      throw new IllegalArgumentException("no array rule " + name + " in " + rules.keySet());
    }
    String inner = body.substring(1, body.indexOf(']'));
    List<String> parts = new ArrayList<>();
    for (String p : inner.split(",")) {
      if (!p.isBlank()) {
        parts.add(p.trim());
      }
    }
    return parts;
  }

  /** The integer literals of a choice rule: {@code 14 / 15} gives {@code [14, 15]}. */
  List<Integer> choices(String name) {
    String body = rules.get(name);
    if (body == null) {
      throw new IllegalArgumentException("no rule " + name);
    }
    List<Integer> values = new ArrayList<>();
    for (String p : body.split("/")) {
      values.add(Integer.parseInt(p.trim()));
    }
    return values;
  }
}
