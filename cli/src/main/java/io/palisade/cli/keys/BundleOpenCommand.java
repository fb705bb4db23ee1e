package io.palisade.cli.keys;

import io.palisade.cli.ExitCodes;
import io.palisade.keys.PoolId;
import io.palisade.keys.bundle.HotKeyBundle;
import io.palisade.keys.bundle.HotKeys;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code palisade keys bundle open}: verify, decrypt, write the node's three files. */
@Command(
    name = "open",
    mixinStandardHelpOptions = true,
    header = "Verify and decrypt a bundle and write kes.skey, vrf.skey and node.cert (mode 0600) for cardano-node.",
    description = "Point --out-dir at a RAM-backed directory (tmpfs, e.g. /run/cardano-keys): the hot keys must not"
        + " rest on a disk. Files already there are replaced only with --overwrite (as when a rotation replaces"
        + " the hot keys).")
public final class BundleOpenCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--bundle", required = true, paramLabel = "FILE")
  Path bundle;

  @Option(names = "--bundle-passphrase-file", paramLabel = "FILE")
  Path passphraseFile;

  @Option(names = "--pool-id", paramLabel = "ID", description = "The pool the bundle must be for (recommended).")
  PoolId poolId;

  @Option(names = "--out-dir", required = true, paramLabel = "DIR")
  Path outDir;

  @Mixin OutputFiles files;

  @Override
  public Integer call() throws Exception {
    return KeysFailures.run(() -> {
      files.claim(OutputFiles.Target.in("--out-dir", outDir, HotKeys.KES_FILE),
          OutputFiles.Target.in("--out-dir", outDir, HotKeys.VRF_FILE),
          OutputFiles.Target.in("--out-dir", outDir, HotKeys.OPCERT_FILE));
      char[] pass = Secrets.read(passphraseFile, "bundle passphrase", "--bundle-passphrase-file", false);
      try (HotKeys keys = HotKeyBundle.open(bundle, pass, Optional.ofNullable(poolId).map(PoolId::hex))) {
        keys.writeNodeFiles(outDir);
        spec.commandLine().getOut().printf("wrote %s, %s, %s in %s: pool %s, opcert counter %d, KES start period %d%s%n",
            HotKeys.KES_FILE, HotKeys.VRF_FILE, HotKeys.OPCERT_FILE, outDir, keys.poolId().bech32(),
            keys.opcertCounter(), keys.kesStartPeriod(), keys.demo() ? " (DEMO)" : "");
      } finally {
        Arrays.fill(pass, '\0');
      }
      return ExitCodes.OK;
    });
  }
}
