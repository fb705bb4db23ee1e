package io.palisade.cli.keys;

import io.palisade.cli.ExitCodes;
import io.palisade.spec.AtomicFile;
import io.palisade.keys.kes.KesSigningKey;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code palisade keys node key-gen-KES}: a new Sum6 KES key pair. */
@Command(
    name = "key-gen-KES",
    mixinStandardHelpOptions = true,
    header = "Create a new KES key pair (Sum6 KES over Ed25519, as cardano-cli).",
    description = "Normally 'palisade keys rotate' makes KES keys and carries them in a bundle; this is for manual"
        + " ceremonies. The signing key goes into the vault (vault:kes by default).")
public final class KeyGenKesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin NewKeyOutput output;

  @Option(names = "--verification-key-file", required = true, paramLabel = "FILE")
  Path vkeyFile;

  @Option(names = "--signing-key-file", paramLabel = "vault:NAME|FILE", defaultValue = "vault:kes")
  String skey;

  @Override
  public Integer call() throws Exception {
    return KeysFailures.run(() -> {
      KeyRef ref = KeyRef.parse(skey);
      output.claim(ref, "--signing-key-file", new OutputFiles.Target("--verification-key-file", vkeyFile));
      try (KesSigningKey kes = KesSigningKey.generate(new SecureRandom())) {
        output.store(ref, kes, spec.commandLine().getErr());
        AtomicFile.write(vkeyFile, kes.verificationKeyEnvelope().toBytes(), false);
      }
      return ExitCodes.OK;
    });
  }
}
