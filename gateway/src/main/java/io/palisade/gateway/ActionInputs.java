package io.palisade.gateway;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The rules for what an operator types into a {@link PoolAction}, checked when the record is made so that no runtime
 * ever sees a malformed name, path or reason (they end up in commands, file names and the audit log).
 */
final class ActionInputs {
  private ActionInputs() {}

  /**
   * A node or region name, which must match the spec's rule.
   *
   * @throws IllegalArgumentException if it does not
   */
  static String name(Pattern pattern, String what, String value) {
    Objects.requireNonNull(value, what);
    if (!pattern.matcher(value).matches()) {
      throw new IllegalArgumentException(
          what + " must be lowercase letters, digits and dashes (" + pattern.pattern() + "), was: \"" + value + "\"");
    }
    return value;
  }

  /**
   * A passphrase file: empty (null counts as empty), or an absolute path on one line of at most 300 characters.
   *
   * @return the path, stripped
   * @throws IllegalArgumentException otherwise
   */
  static String passphraseFile(String path) {
    String p = path == null ? "" : path.strip();
    if (!p.isEmpty() && (!p.startsWith("/") || p.length() > 300 || p.chars().anyMatch(Character::isISOControl))) {
      throw new IllegalArgumentException("the passphrase file must be an absolute path of at most 300 characters");
    }
    return p;
  }

  /**
   * A reason for the audit log: one line of at most 200 characters (null counts as empty).
   *
   * @return the reason, stripped
   * @throws IllegalArgumentException otherwise
   */
  static String reason(String reason) {
    String r = reason == null ? "" : reason.strip();
    if (r.length() > 200 || r.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("reason must be one line of at most 200 characters");
    }
    return r;
  }
}
