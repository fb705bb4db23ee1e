package io.palisade.console;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/** A console that {@link PalisadeConsole#start} started. Close it to stop it. */
public interface RunningConsole extends AutoCloseable {
  /**
   * @return the URL to open in a browser
   */
  URI url();

  /**
   * @return the one-time link for the first operator, while no operator exists (print it on the terminal)
   */
  Optional<String> enrollmentLink();

  /**
   * Runs one pass of the due-action runner now (it also runs on its own every few seconds).
   *
   * @return what happened, one line per action touched
   */
  List<String> runDueActionsNow();

  /**
   * @return the console's services (for embedding code and tests)
   */
  ConsoleServices services();

  /** Stops the web server and the runner, and closes the database. */
  @Override
  void close();
}
