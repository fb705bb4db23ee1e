package io.palisade.cli.keys;

import io.palisade.cli.ExitCodes;
import io.palisade.spec.AtomicFile;
import io.palisade.keys.VrfSigningKey;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code palisade keys node key-gen-VRF}: a new Praos VRF key pair. */
@Command(
    name = "key-gen-VRF",
    mixinStandardHelpOptions = true,
    header = "Create a new VRF key pair (Praos VRF, as cardano-cli).",
    description = "The VRF key stays the same for the life of the pool (it is in the registration certificate)."
        + " The signing key goes into the vault (vault:vrf by default).")
public final class KeyGenVrfCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin NewKeyOutput output;

  @Option(names = "--verification-key-file", required = true, paramLabel = "FILE")
  Path vkeyFile;

  @Option(names = "--signing-key-file", paramLabel = "vault:NAME|FILE", defaultValue = "vault:vrf")
  String skey;

  @Override
  public Integer call() throws Exception {
    return KeysFailures.run(() -> {
      KeyRef ref = KeyRef.parse(skey);
      output.claim(ref, "--signing-key-file", new OutputFiles.Target("--verification-key-file", vkeyFile));
      try (VrfSigningKey vrf = VrfSigningKey.generate(new SecureRandom())) {
        output.store(ref, vrf, spec.commandLine().getErr());
        AtomicFile.write(vkeyFile, vrf.verificationKeyEnvelope().toBytes(), false);
      }
      return ExitCodes.OK;
    });
  }
}
