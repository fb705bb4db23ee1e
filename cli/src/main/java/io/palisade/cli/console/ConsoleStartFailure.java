package io.palisade.cli.console;

import io.palisade.console.ConsoleException;
import io.palisade.console.ConsoleSettings;
import java.net.BindException;

/**
 * Why the console did not start, in one line an operator can act on: a taken port is named with the option that
 * moves it, instead of the web server's exception.
 */
public final class ConsoleStartFailure {
  private ConsoleStartFailure() {}

  /**
   * The reason, without a "did not start" prefix.
   *
   * @param e what the console threw
   * @param settings the settings it was started with
   * @param portOption the command's option that sets the console's port ({@code --port}, {@code --console-port})
   * @return "port 8443 on 127.0.0.1 is already in use (another console, or another program, listens there); stop it,
   *     or pass --port N (0: any free port)", or the console's own message
   */
  public static String reason(ConsoleException e, ConsoleSettings settings, String portOption) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof BindException) {
        return "port " + settings.port() + " on " + settings.bindAddress() + " is already in use (another console,"
            + " or another program, listens there); stop it, or pass " + portOption + " N (0: any free port)";
      }
    }
    return e.getMessage();
  }
}
