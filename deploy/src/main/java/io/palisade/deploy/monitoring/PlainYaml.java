package io.palisade.deploy.monitoring;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.List;
import java.util.Map;

/**
 * Writes maps, lists, strings and numbers as block-style YAML in insertion order, every string as a double-quoted
 * (JSON) scalar on one line, so a PromQL expression reads exactly as Prometheus evaluates it: no folding, no
 * reordering, nothing YAML could read another way. For Prometheus' own files (rules, scrape configuration); Kubernetes
 * objects go through {@code KubernetesYaml}.
 */
public final class PlainYaml {
  private PlainYaml() {}

  /**
   * The value as a YAML document.
   *
   * @param value a map of the file's top level
   * @return its YAML, starting with {@code ---}
   */
  public static String write(Map<String, ?> value) {
    StringBuilder out = new StringBuilder("---\n");
    map(out, value, 0);
    return out.toString();
  }

  private static void map(StringBuilder out, Map<?, ?> map, int indent) {
    for (Map.Entry<?, ?> e : map.entrySet()) {
      out.append(" ".repeat(indent)).append(e.getKey()).append(':');
      value(out, e.getValue(), indent);
    }
  }

  private static void value(StringBuilder out, Object v, int indent) {
    if (v instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        out.append(" {}\n");
      } else {
        out.append('\n');
        map(out, m, indent + 2);
      }
    } else if (v instanceof List<?> l) {
      if (l.isEmpty()) {
        out.append(" []\n");
        return;
      }
      out.append('\n');
      for (Object item : l) {
        out.append(" ".repeat(indent)).append("- ");
        if (item instanceof Map<?, ?> m && !m.isEmpty()) {
          // The first key on the dash's line, the others aligned under it.
          StringBuilder nested = new StringBuilder();
          map(nested, m, indent + 2);
          out.append(nested.substring(indent + 2));
        } else {
          StringBuilder scalar = new StringBuilder();
          value(scalar, item, indent + 2);
          out.append(scalar.substring(1));
        }
      }
    } else if (v instanceof Number || v instanceof Boolean) {
      out.append(' ').append(v).append('\n');
    } else {
      out.append(" \"").append(JsonStringEncoder.getInstance().quoteAsString(String.valueOf(v))).append("\"\n");
    }
  }
}
