package io.palisade.console.account;

/** What a one-time enrollment link is for. */
public enum EnrollmentPurpose {
  /** The first operator, printed on the terminal that started the console. */
  FIRST("first"),
  /** The second operator, invited by the first. */
  INVITE("invite");

  private final String column;

  EnrollmentPurpose(String column) {
    this.column = column;
  }

  String column() {
    return column;
  }

  static EnrollmentPurpose ofColumn(String s) {
    for (EnrollmentPurpose p : values()) {
      if (p.column.equals(s)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown enrollment purpose: " + s);
  }
}
