package io.palisade.cli.keys;

import io.palisade.cli.ExitCodes;
import io.palisade.keys.PoolId;
import io.palisade.keys.backup.BackupShare;
import io.palisade.keys.backup.KeyBackup;
import io.palisade.keys.vault.Vault;
import io.palisade.keys.vault.VaultCredentials;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code palisade keys backup restore}: K shares into a new vault on a new machine. */
@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    header = "Restore the keys from K shares into a new vault protected by a new passphrase.")
public final class BackupRestoreCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin VaultOptions vault;

  @Mixin Argon2Options argon2;

  @Option(names = "--share", required = true, paramLabel = "FILE", description = "A share file; repeat.")
  List<Path> shareFiles;

  @Option(names = "--pool-id", paramLabel = "ID", description = "The pool the shares must restore.")
  PoolId poolId;

  @Override
  public Integer call() throws Exception {
    return KeysFailures.run(() -> {
      List<BackupShare> shares = shareFiles.stream().map(BackupShare::read).toList();
      char[] pass;
      try {
        pass = Secrets.readNew(vault.passphraseFile, "new vault passphrase", "--passphrase-file",
            shares.isEmpty() ? null : Networks.recorded(shares.get(0).network()));
      } catch (RuntimeException e) {
        shares.forEach(BackupShare::close);
        throw e;
      }
      try (VaultCredentials creds = VaultCredentials.passphrase(pass);
          Vault v = KeyBackup.restore(shares, Optional.ofNullable(poolId), vault.dir(), creds,
              argon2.kdf(), Clock.systemUTC())) {
        spec.commandLine().getOut().println("restored " + String.join(", ", v.names()) + " of pool "
            + v.poolId().orElseThrow().bech32() + " into " + v.directory());
      } finally {
        Arrays.fill(pass, '\0');
        shares.forEach(BackupShare::close);
      }
      return ExitCodes.OK;
    });
  }
}
