package io.palisade.spec;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * A Kubernetes resource quantity as written in pool.yaml: {@code 2}, {@code 500m}, {@code 24Gi}, {@code 300G}.
 *
 * @param text the quantity as written
 */
public record Quantity(String text) implements Comparable<Quantity> {
  private static final java.util.regex.Pattern FORMAT =
      java.util.regex.Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?");
  private static final Map<String, BigDecimal> SUFFIX = Map.ofEntries(
      Map.entry("", BigDecimal.ONE),
      Map.entry("m", new BigDecimal("0.001")),
      Map.entry("k", BigDecimal.TEN.pow(3)),
      Map.entry("M", BigDecimal.TEN.pow(6)),
      Map.entry("G", BigDecimal.TEN.pow(9)),
      Map.entry("T", BigDecimal.TEN.pow(12)),
      Map.entry("P", BigDecimal.TEN.pow(15)),
      Map.entry("E", BigDecimal.TEN.pow(18)),
      Map.entry("Ki", BigDecimal.valueOf(2).pow(10)),
      Map.entry("Mi", BigDecimal.valueOf(2).pow(20)),
      Map.entry("Gi", BigDecimal.valueOf(2).pow(30)),
      Map.entry("Ti", BigDecimal.valueOf(2).pow(40)),
      Map.entry("Pi", BigDecimal.valueOf(2).pow(50)),
      Map.entry("Ei", BigDecimal.valueOf(2).pow(60)));

  /** The JSON-schema pattern of a quantity. */
  public static final String SCHEMA_PATTERN = "^[0-9]+(\\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$";

  /**
   * @param text a quantity such as {@code 24Gi}
   * @return the quantity
   * @throws IllegalArgumentException naming the accepted suffixes
   */
  public static Quantity parse(String text) {
    if (!FORMAT.matcher(text.trim()).matches()) {
      throw new IllegalArgumentException("must be a Kubernetes quantity such as 2, 500m, 16Gi or 300G, was: \""
          + text + "\"");
    }
    return new Quantity(text.trim());
  }

  /** The value in base units (cores or bytes). */
  public BigDecimal value() {
    Matcher m = FORMAT.matcher(text);
    if (!m.matches()) {
      throw new IllegalStateException("not a quantity: " + text);
    }
    return new BigDecimal(m.group(1)).multiply(SUFFIX.get(m.group(2) == null ? "" : m.group(2)));
  }

  @Override
  public int compareTo(Quantity o) {
    return value().compareTo(o.value());
  }

  @Override
  public String toString() {
    return text;
  }
}
