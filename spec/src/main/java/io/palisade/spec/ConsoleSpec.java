package io.palisade.spec;

import io.palisade.spec.binding.Default;
import io.palisade.spec.binding.Doc;
import io.palisade.spec.binding.Range;
import java.time.Duration;

/**
 * The admin console.
 *
 * @param bind address the console listens on
 * @param port HTTPS port
 * @param database JDBC URL of the console's database; an embedded H2 file under the data directory when absent
 * @param destructiveDelay how long destructive actions wait; never less than seven days
 */
public record ConsoleSpec(
    @Default("127.0.0.1") @Doc("Address the console listens on.") String bind,
    @Default("8443") @Range(min = 1, max = 65535) @Doc("Console port.") Integer port,
    @Doc(value = "JDBC URL of the console database (PostgreSQL); embedded SQLite under the data directory when absent.",
        example = "jdbc:postgresql://db.internal:5432/palisade")
    String database,
    @Default("7d") @Doc("How long destructive actions wait before they run; at least 7d.") Duration destructiveDelay) {

  /** The floor no setting can lower. */
  public static final Duration MINIMUM_DESTRUCTIVE_DELAY = Duration.ofDays(7);
}
