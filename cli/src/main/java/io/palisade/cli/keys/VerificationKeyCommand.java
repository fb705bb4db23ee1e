package io.palisade.cli.keys;

import io.palisade.cli.ExitCodes;
import io.palisade.spec.AtomicFile;
import io.palisade.keys.SigningKey;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code palisade keys verification-key}: the verification key of any signing key, KES included. */
@Command(
    name = "verification-key",
    mixinStandardHelpOptions = true,
    header = "Write the verification key of a signing key (cold, VRF or KES), as cardano-cli key verification-key.")
public final class VerificationKeyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin VaultOptions vault;

  @Mixin OutputFiles files;

  @Option(names = "--signing-key-file", required = true, paramLabel = "vault:NAME|FILE")
  String skey;

  @Option(names = "--verification-key-file", required = true, paramLabel = "FILE")
  Path vkey;

  @Override
  public Integer call() throws Exception {
    return KeysFailures.run(() -> {
      files.claim(new OutputFiles.Target("--verification-key-file", vkey));
      try (SigningKey key = KeyRef.parse(skey).load(vault, spec.commandLine().getErr())) {
        AtomicFile.write(vkey, key.verificationKeyEnvelope().toBytes(), false);
      }
      return ExitCodes.OK;
    });
  }
}
