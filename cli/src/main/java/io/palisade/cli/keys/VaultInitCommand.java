package io.palisade.cli.keys;

import io.palisade.chain.NetworkRef;
import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.keys.vault.Vault;
import io.palisade.keys.vault.VaultCredentials;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code palisade keys vault init}: a new, empty vault. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    header = "Create an empty vault protected by a passphrase, a PKCS#11 token, or both.",
    description = {"With --pkcs11-pin-file, a non-extractable AES-256 key is generated inside the token and encrypts"
        + " the vault's data key; with a passphrase (--passphrase-file or the terminal), Argon2id derives another."
        + " Give both so either unlocks the vault.",
        "The passphrase must resist offline guessing: at least 10^20 guesses as estimated by zxcvbn for mainnet, 10^14"
            + " elsewhere (six random words pass for mainnet); a weaker one is refused (exit 3) with the reason.",
        "Then: palisade keys node key-gen, key-gen-VRF (or vault import)."})
public final class VaultInitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin VaultOptions vault;

  @Mixin Argon2Options argon2;

  @Option(names = "--network", required = true, paramLabel = "NET",
      description = "mainnet, preprod, preview, or a custom network directory.")
  String network;

  @Option(names = "--no-passphrase", description = "Protect the vault with the token only.")
  boolean noPassphrase;

  @Override
  public Integer call() throws Exception {
    return KeysFailures.run(() -> {
      NetworkRef net;
      try {
        net = NetworkRef.parse(network);
      } catch (IllegalArgumentException e) {
        throw new ExitException(ExitCodes.INVALID_INPUT, "--network " + e.getMessage());
      }
      if (noPassphrase && vault.pinFile == null) {
        throw new ExitException(ExitCodes.INVALID_INPUT, "--no-passphrase needs a token: give --pkcs11-pin-file");
      }
      char[] pass = noPassphrase ? null
          : Secrets.readNew(vault.passphraseFile, "new vault passphrase", "--passphrase-file", net);
      char[] pin = vault.pinFile == null ? null
          : Secrets.read(vault.pinFile, "token PIN", "--pkcs11-pin-file", false);
      VaultCredentials.Pkcs11Settings token = pin == null ? null : new VaultCredentials.Pkcs11Settings(
          vault.library != null ? vault.library : "/usr/lib/softhsm/libsofthsm2.so", Math.max(vault.slotIndex, 0));
      try (VaultCredentials creds = VaultCredentials.of(pass, token, pin);
          Vault v = Vault.create(vault.dir(), network, creds, argon2.kdf(), Clock.systemUTC())) {
        spec.commandLine().getOut().println("vault created at " + v.directory() + " (network " + network
            + ", protected by " + String.join(" and ", v.info().protectors()) + ")");
      } finally {
        if (pass != null) {
          Arrays.fill(pass, '\0');
        }
        if (pin != null) {
          Arrays.fill(pin, '\0');
        }
      }
      return ExitCodes.OK;
    });
  }
}
