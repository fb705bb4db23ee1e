package io.palisade.cli.runtime;

import io.palisade.simnode.SimNodeMain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code palisade simnode run ...} (hidden): the simulated cardano-node, with cardano-node's own {@code run}
 * arguments. The single-host runtime starts it as a child process of the same jar.
 */
@Command(name = "simnode", hidden = true, header = "The simulated cardano-node (used by 'palisade up').")
public final class SimnodeCommand implements Callable<Integer> {
  @Unmatched List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    return SimNodeMain.run(args, System.getenv(), System.out, System.err);
  }
}
