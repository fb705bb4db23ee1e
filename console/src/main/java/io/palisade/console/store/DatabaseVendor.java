package io.palisade.console.store;

/** The databases the console supports, each with its own migrations and the few SQL forms that differ. */
public enum DatabaseVendor {
  /** Embedded SQLite (the default). */
  SQLITE("sqlite"),
  /** PostgreSQL (production). */
  POSTGRESQL("postgresql");

  private final String migrationFolder;

  DatabaseVendor(String migrationFolder) {
    this.migrationFolder = migrationFolder;
  }

  /**
   * @param jdbcUrl a JDBC URL
   * @return the vendor it names
   * @throws IllegalArgumentException for any other database
   */
  public static DatabaseVendor of(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      return SQLITE;
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    if (jdbcUrl.startsWith("jdbc:h2:")) {
      throw new IllegalArgumentException("the console no longer runs on H2 (it lost committed transactions after"
          + " kill -9); use the embedded SQLite database (no --jdbc-url) or PostgreSQL: see docs/console.md,"
          + " \"Moving from H2\"");
    }
    throw new IllegalArgumentException(
        "the console supports PostgreSQL (jdbc:postgresql://...) and its embedded SQLite file, was: "
            + ConsoleDatabase.redact(jdbcUrl));
  }

  /**
   * @return the SQL that locks the rows a SELECT reads until the transaction ends ("" where the whole transaction
   *     already holds the database's write lock)
   */
  public String forUpdate() {
    // SQLite transactions begin IMMEDIATE here: each holds the single write lock from its first statement.
    return this == POSTGRESQL ? " FOR UPDATE" : "";
  }

  /** The folder of this database's own migrations, beside the common ones. */
  String migrationFolder() {
    return migrationFolder;
  }
}
