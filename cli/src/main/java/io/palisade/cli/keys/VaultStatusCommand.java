package io.palisade.cli.keys;

import io.palisade.cli.ExitCodes;
import io.palisade.cli.JsonOption;
import io.palisade.keys.vault.Vault;
import io.palisade.keys.vault.VaultInfo;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code palisade keys vault status}: what the vault holds. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    header = "Show the vault's network, protectors, keys, pool id and last issued opcert counter.",
    description = "Without --unlock this reads the file without the passphrase: the facts are shown as unverified."
        + " With --unlock the vault's integrity check is verified first.")
public final class VaultStatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin VaultOptions vault;

  @Mixin JsonOption json;

  @Option(names = "--unlock", description = "Unlock the vault and verify its integrity.")
  boolean unlock;

  @Override
  public Integer call() throws Exception {
    return KeysFailures.run(() -> {
      VaultInfo info;
      if (unlock) {
        try (Vault v = vault.open()) {
          info = v.info();
        }
      } else {
        info = Vault.inspect(vault.dir());
      }
      PrintWriter out = spec.commandLine().getOut();
      VaultInfo i = info;
      json.print(out, info, () -> {
        out.printf("vault        %s (%s)%n", i.directory(), unlock ? "unlocked, integrity verified" : "not unlocked");
        out.printf("network      %s%n", i.network());
        out.printf("protectors   %s%n", String.join(", ", i.protectors()));
        out.printf("pool id      %s%n", i.poolIdHex().orElse("(no cold key)"));
        out.printf("last opcert  %s%n", i.lastIssuedCounter().isPresent()
            ? "counter " + i.lastIssuedCounter().getAsLong() + " at KES period " + i.lastIssuedKesPeriod().orElse(0)
            : "(none issued from this vault)");
        for (VaultInfo.KeyInfo k : i.keys()) {
          out.printf("key          %-12s %s vk %s%n", k.name(), k.type(), k.verificationKeyHex());
        }
      });
      return ExitCodes.OK;
    });
  }
}
