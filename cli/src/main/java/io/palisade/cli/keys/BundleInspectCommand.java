package io.palisade.cli.keys;

import io.palisade.cli.ExitCodes;
import io.palisade.cli.JsonOption;
import io.palisade.keys.bundle.BundleHeader;
import io.palisade.keys.bundle.HotKeyBundle;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code palisade keys bundle inspect}: the verified public header, no passphrase. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    header = "Verify a bundle's cold-key signature and opcert and print its public facts (no passphrase needed).")
public final class BundleInspectCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin JsonOption json;

  @Option(names = "--bundle", required = true, paramLabel = "FILE")
  Path bundle;

  @Override
  public Integer call() throws Exception {
    return KeysFailures.run(() -> {
      BundleHeader h = HotKeyBundle.inspect(bundle);
      PrintWriter out = spec.commandLine().getOut();
      json.print(out, h, () -> {
        if (h.demo()) {
          out.println("DEMO BUNDLE: throwaway keys, never for a real pool");
        }
        out.printf("pool            %s (%s)%n", h.poolIdBech32(), h.poolIdHex());
        out.printf("network         %s%n", h.network());
        out.printf("opcert          counter %d, KES start period %d%n", h.opcertCounter(), h.kesStartPeriod());
        out.printf("KES vk          %s%n", h.kesVerificationKeyHex());
        out.printf("VRF vk          %s%n", h.vrfVerificationKeyHex());
        out.printf("created         %s%n", h.createdAt());
        out.println("signature       valid (cold key of the pool)");
      });
      return ExitCodes.OK;
    });
  }
}
