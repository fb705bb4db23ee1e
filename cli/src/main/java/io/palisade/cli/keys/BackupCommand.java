package io.palisade.cli.keys;

import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.cli.JsonOption;
import io.palisade.keys.backup.KeyBackup;
import io.palisade.keys.vault.Vault;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code palisade keys backup}: k-of-n geographic shares of the vault's keys. */
@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    header = "Split the vault's keys into N signed shares, one per place, any K of which restore them.",
    description = {"Writes share-I-of-N-PLACE.json and a printable share-I-of-N-PLACE.txt per share (mode 0600). Print"
        + " or copy each to its place, then delete them from this machine.",
        "Then prove the set works: palisade keys backup drill --share ... (K of them)."},
    subcommands = {BackupDrillCommand.class, BackupRestoreCommand.class})
public final class BackupCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin VaultOptions vault;

  @Mixin JsonOption json;

  @Option(names = "--shares", paramLabel = "N", description = "How many shares (one --label each).")
  Integer shares;

  @Option(names = "--threshold", paramLabel = "K", description = "How many shares restore the keys (2..N).")
  Integer threshold;

  @Option(names = "--label", paramLabel = "PLACE", description = "Where a share is kept, e.g. \"Zurich safe\";"
      + " once per share, in order.")
  List<String> labels;

  @Option(names = "--out-dir", paramLabel = "DIR", description = "Where to write the share files.")
  Path outDir;

  @Override
  public Integer call() throws Exception {
    return KeysFailures.run(() -> {
      if (shares == null || threshold == null || labels == null || outDir == null) {
        throw new ExitException(ExitCodes.INVALID_INPUT, "backup needs --shares N --threshold K --label PLACE (N"
            + " times) --out-dir DIR");
      }
      if (labels.size() != shares) {
        throw new ExitException(ExitCodes.INVALID_INPUT, "--shares " + shares + " needs " + shares
            + " --label options (one place per share), got " + labels.size());
      }
      List<KeyBackup.WrittenShare> written;
      try (Vault v = vault.open()) {
        written = KeyBackup.create(v, threshold, labels, outDir, Clock.systemUTC());
      }
      PrintWriter out = spec.commandLine().getOut();
      json.print(out, written, () -> {
        for (KeyBackup.WrittenShare s : written) {
          out.printf("share %d of %d  %-20s %s  %s%n", s.index(), written.size(), s.label(), s.jsonFile(),
              s.textFile());
        }
        out.printf("any %d of these restore the vault's keys. Run 'palisade keys backup drill' with %d of them now.%n",
            threshold, threshold);
      });
      return ExitCodes.OK;
    });
  }
}
