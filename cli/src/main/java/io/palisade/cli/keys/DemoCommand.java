package io.palisade.cli.keys;

import io.palisade.chain.ChainClock;
import io.palisade.cli.ExitCodes;
import io.palisade.keys.bundle.DemoKeys;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code palisade keys demo}: a throwaway key set for the single-host demo. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    header = "Make a THROWAWAY demo hot-key bundle and its passphrase file (DEMO-*), for the single-host demo.",
    description = "The cold key is discarded after signing: the demo pool can never be registered or rotated.")
public final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--network", required = true, paramLabel = "NET")
  String network;

  @Option(names = "--out-dir", required = true, paramLabel = "DIR")
  Path outDir;

  @Override
  public Integer call() throws Exception {
    return KeysFailures.run(() -> {
      DemoKeys.Result r = DemoKeys.create(outDir,
          new ChainClock(Networks.genesis(network, "--network"), Clock.systemUTC()));
      spec.commandLine().getOut().printf("DEMO keys: %s (passphrase in %s), pool %s, KES period %d%n", r.bundle(),
          r.passphraseFile(), r.poolIdHex(), r.kesPeriod());
      return ExitCodes.OK;
    });
  }
}
