package io.palisade.cli.keys;

import io.palisade.chain.ChainClock;
import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.cli.JsonOption;
import io.palisade.keys.rotate.Rotation;
import io.palisade.keys.rotate.RotationRequest;
import io.palisade.keys.vault.Vault;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code palisade keys rotate}: OFFLINE, guard rails then a new KES key, opcert and hot-key bundle. */
@Command(
    name = "rotate",
    mixinStandardHelpOptions = true,
    header = "OFFLINE: issue a new KES key and opcert from the vault's cold key, into one authenticated hot-key"
        + " bundle.",
    description = {"Refuses (exit 3, nothing written) if the request's pool is not the vault's, if the counter would"
        + " not follow Palisade's policy, on-chain + 1 (0 for a pool that never minted; the ledger itself accepts"
        + " any n with m <= n <= m + 1, m the chain's counter), or if the node's slot is more than"
        + " --max-clock-skew from this machine's clock.",
        "Carry the bundle back to the online side with its passphrase kept apart: palisade keys bundle open ..."})
public final class RotateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin VaultOptions vault;

  @Mixin JsonOption json;

  @Option(names = "--request", required = true, paramLabel = "FILE",
      description = "The rotation request written online by 'palisade keys rotation-request'.")
  Path request;

  @Option(names = "--out-file", required = true, paramLabel = "FILE", description = "The hot-key bundle to write.")
  Path out;

  @Option(names = "--bundle-passphrase-file", paramLabel = "FILE",
      description = "File whose first line is the bundle passphrase (else asked twice on the terminal).")
  Path bundlePassphraseFile;

  @Option(names = "--counter", paramLabel = "N", description = "The counter you expect; refused unless it is exactly"
      + " what the chain allows.")
  Long counter;

  @Option(names = "--max-clock-skew", paramLabel = "DURATION", defaultValue = "PT3H",
      description = "How far the node's slot may be from this machine's clock (ISO-8601, default ${DEFAULT-VALUE}).")
  String maxSkew;

  @Option(names = "--allow-counter-below-last-issued",
      description = "Issue even though this vault already issued a higher counter (that opcert was never used).")
  boolean allowBelow;

  @Option(names = "--operational-certificate-issue-counter-file", paramLabel = "FILE",
      description = "Also write a cardano-cli counter file with the next number.")
  Path counterFile;

  @Option(names = "--cold-key-name", defaultValue = "cold", paramLabel = "NAME")
  String coldName;

  @Option(names = "--vrf-key-name", defaultValue = "vrf", paramLabel = "NAME")
  String vrfName;

  @Mixin Argon2Options argon2;

  @Override
  public Integer call() throws Exception {
    return KeysFailures.run(() -> {
      Duration skew;
      try {
        skew = Duration.parse(maxSkew);
      } catch (DateTimeParseException e) {
        throw new ExitException(ExitCodes.INVALID_INPUT, "--max-clock-skew must be ISO-8601 like PT3H, was: "
            + maxSkew);
      }
      OutputFiles.refuseExisting(new OutputFiles.Target("--out-file", out));
      RotationRequest req = RotationRequest.read(request);
      PrintWriter stdout = spec.commandLine().getOut();
      try (Vault v = vault.open()) {
        ChainClock clock = new ChainClock(Networks.genesis(v.network(), "the vault's network"), Clock.systemUTC());
        char[] pass = Secrets.readNew(bundlePassphraseFile, "bundle passphrase", "--bundle-passphrase-file",
            Networks.recorded(v.network()));
        try {
          Rotation.Result r = Rotation.rotate(v, req, new Rotation.Options(coldName, vrfName, skew,
              Optional.ofNullable(counter), allowBelow, Optional.ofNullable(counterFile), argon2.kdf()), pass, out,
              clock);
          PrintWriter o = stdout;
          json.print(o, r, () -> {
            r.decision().notes().forEach(n -> o.println("note: " + n));
            o.printf("wrote %s: pool %s, opcert counter %d, KES start period %d%n", out,
                r.bundle().poolIdBech32(), r.bundle().opcertCounter(), r.bundle().kesStartPeriod());
          });
        } finally {
          Arrays.fill(pass, '\0');
        }
      }
      return ExitCodes.OK;
    });
  }
}
