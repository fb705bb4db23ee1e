package io.palisade.cli.agent;

import io.palisade.cli.ExitCodes;
import io.palisade.cli.Main;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Entry point of {@code palisade-agent.jar}, the agent sidecar's jar: {@code palisade agent ...} and
 * {@code palisade agent check ...}, nothing else. It holds only the classes the agent loads, so the JVM beside every
 * node keeps a small jar open (see docs/agent.md, "Running it small"); every other command is in
 * {@code palisade.jar}.
 */
public final class AgentMain {
  private AgentMain() {}

  /**
   * Runs {@code palisade agent ...} and exits with its code.
   *
   * @param args the command line, starting with {@code agent}
   */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    if (args.length == 0 || !args[0].equals("agent")) {
      err.println("palisade-agent.jar runs 'palisade agent' and 'palisade agent check' only; every other command is in"
          + " palisade.jar");
      System.exit(ExitCodes.INVALID_INPUT);
    }
    System.exit(Main.run(out, err, args));
  }
}
