package io.palisade.spec.binding;

/** Builds the dotted field paths used in messages: {@code relays[1].storage.size}. */
public final class FieldPath {
  private FieldPath() {}

  /**
   * @param parent the parent path, empty at the root
   * @param field a field name
   * @return {@code parent.field}
   */
  public static String field(String parent, String field) {
    return parent.isEmpty() ? field : parent + "." + field;
  }

  /**
   * @param parent the list's path
   * @param index the item's index
   * @return {@code parent[index]}
   */
  public static String item(String parent, int index) {
    return parent + "[" + index + "]";
  }

  /**
   * The path one level up: {@code relays[1].port} → {@code relays[1]} → {@code relays} → "".
   *
   * @param path a path
   * @return its parent
   */
  public static String parent(String path) {
    if (path.endsWith("]")) {
      return path.substring(0, path.lastIndexOf('['));
    }
    int dot = path.lastIndexOf('.');
    return dot < 0 ? "" : path.substring(0, dot);
  }
}
