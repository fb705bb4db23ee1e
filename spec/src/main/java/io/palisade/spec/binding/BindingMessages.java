package io.palisade.spec.binding;

import io.palisade.spec.yaml.YamlNode;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;

/**
 * The wording of {@link RecordBinder}'s problems: what was expected, what was found, the field's documentation as a
 * hint, and the closest allowed field for a misspelt one.
 */
final class BindingMessages {
  private BindingMessages() {}

  /** What a scalar of {@code raw} should look like, for "expected ..., got ...". */
  static String expected(Class<?> raw) {
    if (raw == Integer.class || raw == Long.class) {
      return "an integer";
    }
    if (raw == Boolean.class) {
      return "true or false";
    }
    return "a single value";
  }

  /** What a node is, with a scalar's text abbreviated, for "got ...". */
  static String describe(YamlNode node) {
    if (node instanceof YamlNode.Scalar s) {
      return s.kindName() + " (\"" + abbreviate(s.text()) + "\")";
    }
    return node.kindName();
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }

  /** The component's {@link Doc} as a hint after a "missing required field" message, or "". */
  static String hint(RecordComponent c) {
    Doc doc = c.getAnnotation(Doc.class);
    if (doc == null) {
      return "";
    }
    return doc.example().isEmpty() ? ": " + doc.value() : ": " + doc.value() + " e.g. " + doc.example();
  }

  /** "unknown field", with the closest allowed field when it is close enough, and every allowed field. */
  static String unknownFieldMessage(String key, Collection<String> allowed) {
    String closest = allowed.stream()
        .min(Comparator.comparingInt(a -> editDistance(a.toLowerCase(Locale.ROOT), key.toLowerCase(Locale.ROOT))))
        .orElse(null);
    StringBuilder sb = new StringBuilder("unknown field '").append(key).append("'");
    if (closest != null && editDistance(closest.toLowerCase(Locale.ROOT), key.toLowerCase(Locale.ROOT))
        <= Math.max(2, key.length() / 3)) {
      sb.append("; did you mean '").append(closest).append("'?");
    }
    sb.append(" (allowed here: ").append(String.join(", ", allowed)).append(")");
    return sb.toString();
  }

  private static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
