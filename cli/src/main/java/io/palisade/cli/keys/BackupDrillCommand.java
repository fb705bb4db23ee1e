package io.palisade.cli.keys;

import io.palisade.cli.ExitCodes;
import io.palisade.cli.JsonOption;
import io.palisade.keys.PoolId;
import io.palisade.keys.backup.BackupShare;
import io.palisade.keys.backup.KeyBackup;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code palisade keys backup drill}: prove a set of shares restores the cold key, writing nothing. */
@Command(
    name = "drill",
    mixinStandardHelpOptions = true,
    header = "Prove K shares restore the cold key: combine them in memory and check the cold key hashes to the pool"
        + " id. Writes nothing.",
    description = "Exit 0: the shares restore pool POOL. Exit 1: they restore another pool. Exit 2: too few shares,"
        + " or a share is corrupted (named by its place).")
public final class BackupDrillCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin JsonOption json;

  @Option(names = "--share", required = true, paramLabel = "FILE", description = "A share file (.json or printed"
      + " .txt); repeat.")
  List<Path> shareFiles;

  @Option(names = "--pool-id", paramLabel = "ID", description = "The pool the shares must restore (hex or pool1...);"
      + " default: the pool the shares name.")
  PoolId poolId;

  @Override
  public Integer call() throws Exception {
    return KeysFailures.run(() -> {
      Optional<PoolId> expected = Optional.ofNullable(poolId);
      List<BackupShare> shares = shareFiles.stream().map(BackupShare::read).toList();
      try {
        KeyBackup.DrillReport r = KeyBackup.drill(shares, expected);
        PrintWriter out = spec.commandLine().getOut();
        json.print(out, r, () -> out.printf("OK: shares %s restore the cold key of pool %s (%s); %d of %d needed;"
            + " keys: %s%n", String.join(", ", r.sharesUsed()), r.poolIdBech32(), r.poolIdHex(), r.threshold(),
            r.total(), String.join(", ", r.keyNames())));
        return ExitCodes.OK;
      } finally {
        shares.forEach(BackupShare::close);
      }
    });
  }
}
