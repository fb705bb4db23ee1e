package io.palisade.spec.yaml;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree that remembers where each node came from, so errors can name the line and column.
 * Scalars keep their source text: {@code version: 10.10} stays "10.10", not the float 10.1.
 */
public sealed interface YamlNode {

  /** Where this node starts in the file. */
  SourceLocation location();

  /** A short name of the node's kind for messages ("a mapping", "a list", "a number"...). */
  String kindName();

  /**
   * A scalar value.
   *
   * @param text the scalar's text as written
   * @param type what the YAML parser took it for
   * @param location where it starts
   */
  record Scalar(String text, ScalarType type, SourceLocation location) implements YamlNode {
    @Override
    public String kindName() {
      return type.description;
    }
  }

  /**
   * An explicit null ({@code ~}, {@code null} or an empty value).
   *
   * @param location where it is
   */
  record Null(SourceLocation location) implements YamlNode {
    @Override
    public String kindName() {
      return "an empty value";
    }
  }

  /**
   * A mapping, keys in file order.
   *
   * @param entries the entries by key
   * @param location where the mapping starts
   */
  record Mapping(Map<String, Entry> entries, SourceLocation location) implements YamlNode {
    /** Copies the entries, keeping their order. */
    public Mapping {
      entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    @Override
    public String kindName() {
      return "a mapping";
    }
  }

  /**
   * One entry of a mapping.
   *
   * @param keyLocation where the key is written
   * @param value the value
   */
  record Entry(SourceLocation keyLocation, YamlNode value) {}

  /**
   * A sequence.
   *
   * @param items the items in order
   * @param location where the list starts
   */
  record Sequence(List<YamlNode> items, SourceLocation location) implements YamlNode {
    /** Copies the items. */
    public Sequence {
      items = List.copyOf(items);
    }

    @Override
    public String kindName() {
      return "a list";
    }
  }

  /** What kind of scalar the YAML parser saw. */
  enum ScalarType {
    /** Any string, quoted or plain. */
    STRING("a string"),
    /** An integer. */
    INTEGER("an integer"),
    /** A number with a fraction or exponent. */
    DECIMAL("a decimal number"),
    /** true or false. */
    BOOLEAN("a boolean");

    private final String description;

    ScalarType(String description) {
      this.description = description;
    }
  }
}
