package io.palisade.spec.binding;

import io.palisade.spec.yaml.SourceLocation;
import io.palisade.spec.yaml.YamlNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Binds a {@link YamlNode} tree to Java records, collecting every problem instead of stopping at the first.
 *
 * <p>The records are the schema: a component's name is the YAML key; {@link Required}, {@link Default}, {@link Range}
 * and {@link Pattern} say what is allowed. Supported component types: records, {@code String}, {@code Integer},
 * {@code Long}, {@code Boolean}, {@link Duration} (written {@code 90s}, {@code 10m}, {@code 2h}, {@code 7d}),
 * enums (written in lower case), {@code List<T>}, {@code Map<String, String>}, and value types with a static
 * {@code parse(String)} factory that throws {@link IllegalArgumentException} on bad input. An absent nested record is
 * bound from an empty mapping, so its defaults apply and the result is never null.
 */
public final class RecordBinder {
  private final Problems problems;
  private final Map<String, SourceLocation> locations = new HashMap<>();

  /** @param problems where problems go */
  public RecordBinder(Problems problems) {
    this.problems = problems;
  }

  /**
   * Where each bound path was written. Paths of absent fields are missing; use the nearest parent.
   *
   * @return path to location
   */
  public Map<String, SourceLocation> locations() {
    return locations;
  }

  /**
   * Binds {@code node} to a record of type {@code type}. With problems recorded, the result may hold nulls where
   * values were wrong; callers check {@link Problems#hasErrors()} before trusting it.
   *
   * @param node the parsed document
   * @param type the record type
   * @param <T> the record type
   * @return the record, never null
   */
  public <T extends Record> T bindRoot(YamlNode node, Class<T> type) {
    locations.put("", node.location());
    if (!(node instanceof YamlNode.Mapping)) {
      // One error is enough: listing every missing field of a document that is not a mapping is noise.
      problems.error("", node.location(), node instanceof YamlNode.Null
          ? "the document is empty; expected a mapping with the pool's fields (see 'palisade spec schema')"
          : "expected a mapping with the pool's fields, got " + BindingMessages.describe(node));
      return bindRecord(new YamlNode.Mapping(Map.of(), node.location()), type, "", false);
    }
    return bindRecord(node, type, "", true);
  }

  private <T> T bindRecord(YamlNode node, Class<T> type, String path, boolean present) {
    RecordComponent[] components = type.getRecordComponents();
    YamlNode.Mapping mapping;
    if (node instanceof YamlNode.Mapping m) {
      mapping = m;
    } else {
      problems.error(path, node.location(), "expected a mapping, got " + BindingMessages.describe(node));
      mapping = new YamlNode.Mapping(Map.of(), node.location());
    }
    Map<String, RecordComponent> byName = new LinkedHashMap<>();
    for (RecordComponent c : components) {
      byName.put(keyOf(c), c);
    }
    for (Map.Entry<String, YamlNode.Entry> e : mapping.entries().entrySet()) {
      if (!byName.containsKey(e.getKey())) {
        String fieldPath = FieldPath.field(path, e.getKey());
        locations.put(fieldPath, e.getValue().keyLocation());
        problems.error(fieldPath, e.getValue().keyLocation(),
            BindingMessages.unknownFieldMessage(e.getKey(), byName.keySet()));
      }
    }
    Object[] args = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      String fieldPath = FieldPath.field(path, keyOf(c));
      YamlNode.Entry entry = mapping.entries().get(keyOf(c));
      YamlNode value = entry == null ? null : entry.value();
      if (value != null) {
        locations.put(fieldPath, value.location());
      }
      if (value == null || value instanceof YamlNode.Null) {
        args[i] = absent(c, fieldPath, entry == null ? mapping.location() : entry.keyLocation(), present);
      } else {
        args[i] = bindValue(value, c.getGenericType(), c, fieldPath);
      }
    }
    try {
      var ctor = type.getDeclaredConstructor(
          Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
      return ctor.newInstance(args);
    } catch (InvocationTargetException e) {
      problems.error(path, mapping.location(), String.valueOf(e.getCause().getMessage()));
      return null;
    } catch (ReflectiveOperationException | IllegalArgumentException e) {
      throw new IllegalStateException("cannot construct " + type.getName() + " from " + Arrays.toString(args), e);
    }
  }

  private Object absent(RecordComponent c, String path, SourceLocation where, boolean parentPresent) {
    if (c.isAnnotationPresent(Required.class)) {
      if (parentPresent) {
        problems.error(path, where, "missing required field '" + keyOf(c) + "'" + BindingMessages.hint(c));
      }
      return null;
    }
    Default def = c.getAnnotation(Default.class);
    if (def != null) {
      return bindValue(syntheticScalar(def.value(), c.getType()), c.getGenericType(), c, path);
    }
    Class<?> raw = c.getType();
    if (raw == List.class) {
      return List.of();
    }
    if (raw == Map.class) {
      return Map.of();
    }
    if (isStructure(raw)) {
      return bindRecord(new YamlNode.Mapping(Map.of(), where), raw, path, false);
    }
    return null;
  }

  private static YamlNode syntheticScalar(String text, Class<?> type) {
    YamlNode.ScalarType scalarType =
        type == Integer.class || type == Long.class
            ? YamlNode.ScalarType.INTEGER
            : type == Boolean.class ? YamlNode.ScalarType.BOOLEAN : YamlNode.ScalarType.STRING;
    return new YamlNode.Scalar(text, scalarType, SourceLocation.UNKNOWN);
  }

  private Object bindValue(YamlNode node, Type type, RecordComponent component, String path) {
    Class<?> raw = rawClass(type);
    if (raw == List.class) {
      if (!(node instanceof YamlNode.Sequence seq)) {
        problems.error(path, node.location(), "expected a list, got " + BindingMessages.describe(node));
        return null;
      }
      Type itemType = ((ParameterizedType) type).getActualTypeArguments()[0];
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < seq.items().size(); i++) {
        YamlNode item = seq.items().get(i);
        String itemPath = FieldPath.item(path, i);
        locations.put(itemPath, item.location());
        if (item instanceof YamlNode.Null) {
          problems.error(itemPath, item.location(), "empty list item");
          continue;
        }
        Object bound = bindValue(item, itemType, component, itemPath);
        if (bound != null) {
          out.add(bound);
        }
      }
      return List.copyOf(out);
    }
    if (raw == Map.class) {
      if (!(node instanceof YamlNode.Mapping m)) {
        problems.error(path, node.location(), "expected a mapping, got " + BindingMessages.describe(node));
        return null;
      }
      Map<String, String> out = new LinkedHashMap<>();
      for (Map.Entry<String, YamlNode.Entry> e : m.entries().entrySet()) {
        String entryPath = FieldPath.field(path, e.getKey());
        locations.put(entryPath, e.getValue().value().location());
        if (e.getValue().value() instanceof YamlNode.Scalar s) {
          out.put(e.getKey(), s.text());
        } else {
          problems.error(entryPath, e.getValue().value().location(),
              "expected a string, got " + BindingMessages.describe(e.getValue().value()));
        }
      }
      return Map.copyOf(out);
    }
    if (isStructure(raw)) {
      return bindRecord(node, raw, path, true);
    }
    if (!(node instanceof YamlNode.Scalar scalar)) {
      problems.error(path, node.location(),
          "expected " + BindingMessages.expected(raw) + ", got " + BindingMessages.describe(node));
      return null;
    }
    return bindScalar(scalar, raw, component, path);
  }

  private Object bindScalar(YamlNode.Scalar scalar, Class<?> raw, RecordComponent component, String path) {
    SourceLocation at = scalar.location();
    if (raw == String.class) {
      if (scalar.type() == YamlNode.ScalarType.BOOLEAN) {
        problems.error(path, at, "expected a string, got the boolean " + scalar.text() + " (quote it if you mean text)");
        return null;
      }
      Pattern pattern = component.getAnnotation(Pattern.class);
      if (pattern != null && !scalar.text().matches(pattern.regex())) {
        problems.error(path, at, "must be " + pattern.meaning() + ", was: \"" + scalar.text() + "\"");
        return null;
      }
      return scalar.text();
    }
    if (raw == Integer.class || raw == Long.class) {
      if (scalar.type() != YamlNode.ScalarType.INTEGER) {
        problems.error(path, at, "expected an integer, got " + BindingMessages.describe(scalar));
        return null;
      }
      long value;
      try {
        value = Long.parseLong(scalar.text().replace("_", ""));
      } catch (NumberFormatException e) {
        problems.error(path, at, "expected an integer, got \"" + scalar.text() + "\" (too large or not decimal)");
        return null;
      }
      Range range = component.getAnnotation(Range.class);
      if (range != null && (value < range.min() || value > range.max())) {
        problems.error(path, at, "must be between " + range.min() + " and " + range.max() + ", was: " + value);
        return null;
      }
      if (raw == Integer.class) {
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
          problems.error(path, at, "must fit in 32 bits, was: " + value);
          return null;
        }
        return (int) value;
      }
      return value;
    }
    if (raw == Boolean.class) {
      if (scalar.type() != YamlNode.ScalarType.BOOLEAN) {
        problems.error(path, at, "expected true or false, got " + BindingMessages.describe(scalar));
        return null;
      }
      return Boolean.parseBoolean(scalar.text().toLowerCase(Locale.ROOT));
    }
    if (raw == Duration.class) {
      try {
        return DurationText.parse(scalar.text());
      } catch (IllegalArgumentException e) {
        problems.error(path, at, e.getMessage());
        return null;
      }
    }
    if (raw.isEnum()) {
      return bindEnum(scalar, raw, path);
    }
    Method parse = parseMethod(raw);
    try {
      return parse.invoke(null, scalar.text());
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof IllegalArgumentException iae) {
        problems.error(path, at, iae.getMessage());
        return null;
      }
      throw new IllegalStateException("parse of " + raw.getSimpleName() + " failed", e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private Object bindEnum(YamlNode.Scalar scalar, Class<?> raw, String path) {
    for (Object constant : raw.getEnumConstants()) {
      if (enumName((Enum<?>) constant).equals(scalar.text())) {
        return constant;
      }
    }
    String allowed = Arrays.stream(raw.getEnumConstants())
        .map(c -> enumName((Enum<?>) c))
        .collect(Collectors.joining(", "));
    problems.error(path, scalar.location(), "must be one of " + allowed + ", was: \"" + scalar.text() + "\"");
    return null;
  }

  /**
   * How an enum constant is written in pool.yaml: lower case, underscores as dashes.
   *
   * @param constant an enum constant
   * @return its YAML spelling
   */
  public static String enumName(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The YAML key of a record component: its {@link Key} if annotated, else its name.
   *
   * @param c a record component
   * @return the key
   */
  public static String keyOf(RecordComponent c) {
    Key key = c.getAnnotation(Key.class);
    return key == null ? c.getName() : key.value();
  }

  /**
   * Whether a type is written as a YAML mapping: a record without a {@code parse(String)} factory. Records with one
   * (versions, image references) are single values.
   *
   * @param raw a component type
   * @return true for mapping-shaped records
   */
  static boolean isStructure(Class<?> raw) {
    if (!raw.isRecord()) {
      return false;
    }
    try {
      Method m = raw.getMethod("parse", String.class);
      return !Modifier.isStatic(m.getModifiers());
    } catch (NoSuchMethodException e) {
      return true;
    }
  }

  static Method parseMethod(Class<?> raw) {
    try {
      Method m = raw.getMethod("parse", String.class);
      if (!Modifier.isStatic(m.getModifiers()) || !raw.isAssignableFrom(m.getReturnType())) {
        throw new NoSuchMethodException();
      }
      return m;
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(raw.getName() + " cannot be bound: it needs a static parse(String) method", e);
    }
  }

  static Class<?> rawClass(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    throw new IllegalStateException("unsupported type " + type);
  }
}
