package io.palisade.console.testing;

import io.palisade.console.store.ConsoleDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** The two databases the state and audit code must work on: embedded SQLite and a real PostgreSQL. */
public final class Databases {
  private Databases() {}

  /** The kinds, for {@code @MethodSource}. */
  public enum Kind {
    /** A SQLite file in a temporary directory. */
    SQLITE,
    /** A fresh database in the test PostgreSQL cluster (skipped with a message without PostgreSQL). */
    POSTGRESQL
  }

  /** @return both kinds as JUnit arguments */
  public static Stream<Arguments> both() {
    return Stream.of(Arguments.of(Kind.SQLITE), Arguments.of(Kind.POSTGRESQL));
  }

  /**
   * Opens a fresh, migrated database of a kind.
   *
   * @param kind which
   * @return the open database
   */
  public static ConsoleDatabase open(Kind kind) {
    if (kind == Kind.POSTGRESQL) {
      return ConsoleDatabase.open(TestPostgres.get().newDatabase());
    }
    try {
      return ConsoleDatabase.open(Files.createTempDirectory("console-sqlite"), java.util.Optional.empty());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
