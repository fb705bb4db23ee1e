package io.palisade.agent.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Reads the Prometheus text format as every cardano-node version in use writes it:
 *
 * <ul>
 *   <li>legacy (iohk-monitoring, node ≤ 10.5 default): no {@code # TYPE} lines, and labels after a space,
 *       {@code cardano_node_metrics_cardano_build_info {version="1.35.5"} 1};
 *   <li>new tracing (PrometheusSimple, node ≥ 10.6 default): {@code # TYPE} and {@code # HELP} lines,
 *       {@code _int}/{@code _counter}/{@code _real} suffixes (or none with {@code nosuffix}), a final {@code # EOF};
 *   <li>values as integers, decimals, exponent floats ({@code 7.6137225e+07}, Haskell's {@code 5.0e-2}),
 *       {@code NaN} and infinities; an optional timestamp after the value is ignored.
 * </ul>
 *
 * <p>A line that cannot be read is skipped and reported in {@link MetricsSnapshot#problems()}: one odd line (a
 * text-valued label metric, a new syntax) must not blind the agent to the tip. Text in which no line reads as a sample
 * is not a scrape at all and fails, as does text over the size limits (the input comes over the network).
 *
 * <pre>{@code
 * MetricsSnapshot snapshot = PrometheusTextParser.parse(body);
 * NodeMetrics metrics = NodeMetrics.of(snapshot);
 * }</pre>
 */
public final class PrometheusTextParser {
  /** Largest scrape accepted, in characters; a node's scrape is 10 to 50 KB. */
  public static final int MAX_CHARS = 4 * 1024 * 1024;
  /** Longest line read; longer lines are skipped as problems. */
  public static final int MAX_LINE_CHARS = 16 * 1024;
  /** Most samples accepted in one scrape. */
  public static final int MAX_SAMPLES = 50_000;
  /** Most labels on one sample. */
  public static final int MAX_LABELS = 64;
  /** Problems kept for display (all are counted). */
  public static final int MAX_PROBLEMS = 20;

  private final String text;
  private final List<MetricSample> samples = new ArrayList<>();
  private final Map<String, String> types = new HashMap<>();
  private final Map<String, MetricSample> byName = new HashMap<>(512);
  private final List<String> problems = new ArrayList<>();
  private int problemCount;
  private boolean eof;
  private int lineNo;

  private PrometheusTextParser(String text) {
    this.text = text;
  }

  /**
   * Parses one scrape.
   *
   * @param text the response body
   * @return the samples and the problems met
   * @throws MetricsFormatException if the text is over a limit or no line reads as a sample
   */
  public static MetricsSnapshot parse(CharSequence text) throws MetricsFormatException {
    if (text.length() > MAX_CHARS) {
      throw new MetricsFormatException("scrape is " + text.length() + " characters, over the limit of " + MAX_CHARS);
    }
    PrometheusTextParser p = new PrometheusTextParser(text.toString());
    p.run();
    if (p.samples.isEmpty() && p.problemCount > 0) {
      throw new MetricsFormatException("not Prometheus text: no line reads as a metric sample ("
          + p.problems.get(0) + (p.problemCount > 1 ? ", and " + (p.problemCount - 1) + " more" : "") + ")");
    }
    return new MetricsSnapshot(p.samples, p.byName, p.types, p.eof, p.problems, p.problemCount);
  }

  private void run() throws MetricsFormatException {
    int n = text.length();
    int pos = 0;
    while (pos < n) {
      int eol = text.indexOf('\n', pos);
      if (eol < 0) {
        eol = n;
      }
      lineNo++;
      int end = eol > pos && text.charAt(eol - 1) == '\r' ? eol - 1 : eol;
      if (eof) {
        if (!isBlank(pos, end)) {
          problem("content after # EOF is ignored");
          return;
        }
      } else if (end - pos > MAX_LINE_CHARS) {
        problem("longer than " + MAX_LINE_CHARS + " characters");
      } else {
        line(pos, end);
      }
      pos = eol + 1;
    }
  }

  private void line(int start, int end) throws MetricsFormatException {
    int i = skipBlanks(start, end);
    if (i == end) {
      return;
    }
    if (text.charAt(i) == '#') {
      comment(i + 1, end);
      return;
    }
    int nameEnd = metricName(i, end);
    if (nameEnd == i) {
      problem("expected a metric name, found '" + excerpt(i, end) + "'");
      return;
    }
    String name = text.substring(i, nameEnd);
    i = skipBlanks(nameEnd, end);
    Map<String, String> labels = Map.of();
    if (i < end && text.charAt(i) == '{') {
      labels = new HashMap<>();
      i = labels(i + 1, end, labels);
      if (i < 0) {
        return;
      }
      i = skipBlanks(i, end);
    } else if (i == nameEnd && i < end) {
      problem("expected a space or '{' after the metric name " + name);
      return;
    }
    int valueEnd = token(i, end);
    if (valueEnd == i) {
      problem("metric " + name + " has no value");
      return;
    }
    double value;
    OptionalLong integer = PrometheusNumbers.integer(text, i, valueEnd);
    if (integer.isPresent()) {
      value = integer.getAsLong();
    } else {
      value = PrometheusNumbers.decimal(text, i, valueEnd);
      if (Double.isNaN(value) && !isNaNWord(i, valueEnd)) {
        problem("metric " + name + " has a value that is not a number: '" + excerpt(i, end) + "'");
        return;
      }
    }
    int ts = skipBlanks(valueEnd, end);
    if (ts < end) {
      int tsEnd = token(ts, end);
      if (!PrometheusNumbers.isDecimal(text.substring(ts, tsEnd)) || skipBlanks(tsEnd, end) != end) {
        problem("metric " + name + " has unexpected text after its value: '" + excerpt(ts, end) + "'");
        return;
      }
    }
    if (samples.size() >= MAX_SAMPLES) {
      throw new MetricsFormatException("scrape has more than " + MAX_SAMPLES + " samples");
    }
    MetricSample sample = new MetricSample(name, labels, value, integer);
    if (byName.putIfAbsent(name, sample) != null && labels.isEmpty()) {
      problem("metric " + name + " appears twice; the first value is kept");
      return;
    }
    samples.add(sample);
  }

  private void comment(int start, int end) {
    int i = skipBlanks(start, end);
    int wordEnd = token(i, end);
    if (regionIs(i, wordEnd, "EOF") && skipBlanks(wordEnd, end) == end) {
      eof = true;
      return;
    }
    if (regionIs(i, wordEnd, "TYPE")) {
      int nameStart = skipBlanks(wordEnd, end);
      int nameEnd = metricName(nameStart, end);
      int typeStart = skipBlanks(nameEnd, end);
      int typeEnd = token(typeStart, end);
      if (nameEnd > nameStart && typeEnd > typeStart) {
        types.put(text.substring(nameStart, nameEnd), text.substring(typeStart, typeEnd));
      }
    }
    // # HELP and any other comment carry nothing the agent needs.
  }

  /** Parses {@code name="value",...}} from just after '{'; returns the index after '}' or -1 after a problem. */
  private int labels(int start, int end, Map<String, String> into) {
    int i = start;
    while (true) {
      i = skipBlanks(i, end);
      if (i >= end) {
        problem("labels are not closed with '}'");
        return -1;
      }
      if (text.charAt(i) == '}') {
        return i + 1;
      }
      int nameEnd = labelName(i, end);
      if (nameEnd == i) {
        problem("expected a label name, found '" + excerpt(i, end) + "'");
        return -1;
      }
      String label = text.substring(i, nameEnd);
      i = skipBlanks(nameEnd, end);
      if (i >= end || text.charAt(i) != '=') {
        problem("expected '=' after label " + label);
        return -1;
      }
      i = skipBlanks(i + 1, end);
      if (i >= end || text.charAt(i) != '"') {
        problem("expected '\"' to open the value of label " + label);
        return -1;
      }
      StringBuilder value = new StringBuilder();
      i++;
      boolean closed = false;
      while (i < end) {
        char c = text.charAt(i++);
        if (c == '"') {
          closed = true;
          break;
        }
        if (c == '\\' && i < end) {
          char e = text.charAt(i++);
          value.append(e == 'n' ? '\n' : e == '\\' || e == '"' ? e : '\\');
          if (e != 'n' && e != '\\' && e != '"') {
            value.append(e);
          }
        } else {
          value.append(c);
        }
      }
      if (!closed) {
        problem("the value of label " + label + " is not closed with '\"'");
        return -1;
      }
      if (into.size() >= MAX_LABELS) {
        problem("more than " + MAX_LABELS + " labels");
        return -1;
      }
      if (into.putIfAbsent(label, value.toString()) != null) {
        problem("label " + label + " appears twice");
        return -1;
      }
      i = skipBlanks(i, end);
      if (i < end && text.charAt(i) == ',') {
        i++;
      } else if (i >= end || text.charAt(i) != '}') {
        problem("expected ',' or '}' after the value of label " + label);
        return -1;
      }
    }
  }

  private boolean isNaNWord(int start, int end) {
    return regionIs(start, end, "NaN") || regionIs(start, end, "nan");
  }

  private int metricName(int start, int end) {
    int i = start;
    if (i < end) {
      char c = text.charAt(i);
      if (!(isLetter(c) || c == '_' || c == ':')) {
        return start;
      }
      i++;
    }
    while (i < end) {
      char c = text.charAt(i);
      if (!(isLetter(c) || isDigit(c) || c == '_' || c == ':')) {
        break;
      }
      i++;
    }
    return i;
  }

  private int labelName(int start, int end) {
    int i = start;
    if (i < end && (isLetter(text.charAt(i)) || text.charAt(i) == '_')) {
      i++;
      while (i < end && (isLetter(text.charAt(i)) || isDigit(text.charAt(i)) || text.charAt(i) == '_')) {
        i++;
      }
    }
    return i;
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private int skipBlanks(int i, int end) {
    while (i < end && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  private int token(int i, int end) {
    while (i < end && text.charAt(i) != ' ' && text.charAt(i) != '\t') {
      i++;
    }
    return i;
  }

  private boolean isBlank(int start, int end) {
    return skipBlanks(start, end) == end;
  }

  private boolean regionIs(int start, int end, String word) {
    return end - start == word.length() && text.regionMatches(start, word, 0, word.length());
  }

  private String excerpt(int start, int end) {
    String s = text.substring(start, Math.min(end, start + 40));
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      out.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    return out + (end - start > 40 ? "..." : "");
  }

  private void problem(String message) {
    problemCount++;
    if (problems.size() < MAX_PROBLEMS) {
      problems.add("line " + lineNo + ": " + message);
    }
  }
}
