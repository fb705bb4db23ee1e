package io.palisade.console.charts;

import java.util.Locale;

/**
 * Writes SVG markup (pure): elements with attributes and text, every text and attribute value escaped, numbers with
 * one decimal in a fixed locale. No {@code style} attribute and no script is ever written: colours come from classes
 * (the console's stylesheet) and presentation attributes, which the Content-Security-Policy allows.
 */
final class Svg {
  private final StringBuilder out = new StringBuilder();

  private Svg() {}

  /**
   * Starts an {@code <svg>} element with a view box and an accessible name.
   *
   * @param cssClass its class
   * @param width the view box's width
   * @param height the view box's height
   * @param label what the picture shows, in words (screen readers, and the tooltip through its {@code <title>})
   * @return the writer
   */
  static Svg start(String cssClass, int width, int height, String label) {
    Svg s = new Svg();
    s.out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"").append(escape(cssClass))
        .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\" width=\"").append(width)
        .append("\" height=\"").append(height).append("\" role=\"img\" aria-label=\"").append(escape(label))
        .append("\"><title>").append(escape(label)).append("</title>");
    return s;
  }

  /**
   * Writes an empty element.
   *
   * @param name the element's name
   * @param attributes name, value, name, value, ... (values escaped)
   * @return this writer
   */
  Svg empty(String name, String... attributes) {
    open(name, attributes);
    out.append("/>");
    return this;
  }

  /**
   * Writes an element holding text.
   *
   * @param name the element's name
   * @param text its text (escaped)
   * @param attributes name, value, name, value, ... (values escaped)
   * @return this writer
   */
  Svg text(String name, String text, String... attributes) {
    open(name, attributes);
    out.append('>').append(escape(text)).append("</").append(name).append('>');
    return this;
  }

  /**
   * Opens an element that holds others ({@code <g>}); {@link #close} ends it.
   *
   * @param name the element's name
   * @param attributes name, value, name, value, ... (values escaped)
   * @return this writer
   */
  Svg begin(String name, String... attributes) {
    open(name, attributes);
    out.append('>');
    return this;
  }

  /**
   * @param name the element {@link #begin} opened
   * @return this writer
   */
  Svg close(String name) {
    out.append("</").append(name).append('>');
    return this;
  }

  private void open(String name, String... attributes) {
    if (attributes.length % 2 != 0) {
      throw new IllegalArgumentException("attributes come in pairs: " + attributes.length);
    }
    out.append('<').append(name);
    for (int i = 0; i < attributes.length; i += 2) {
      out.append(' ').append(attributes[i]).append("=\"").append(escape(attributes[i + 1])).append('"');
    }
  }

  /** @return the markup, the {@code <svg>} element closed */
  String end() {
    return out.append("</svg>").toString();
  }

  /**
   * @param v a coordinate
   * @return it with at most one decimal, in a fixed locale ({@code 12.5}, {@code 3})
   */
  static String num(double v) {
    double r = Math.round(v * 10) / 10.0;
    return r == Math.rint(r) ? Long.toString((long) r) : String.format(Locale.ROOT, "%.1f", r);
  }

  /**
   * Escapes text for XML content and attribute values; drops characters XML 1.0 cannot carry at all.
   *
   * @param s the text
   * @return the escaped text
   */
  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    s.codePoints().forEach(c -> {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> {
          boolean allowed = c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF
              || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000 && c <= 0x10FFFF;
          if (allowed) {
            b.appendCodePoint(c);
          }
        }
      }
    });
    return b.toString();
  }
}
