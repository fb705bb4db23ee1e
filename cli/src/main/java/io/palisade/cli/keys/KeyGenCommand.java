package io.palisade.cli.keys;

import io.palisade.cli.ExitCodes;
import io.palisade.spec.AtomicFile;
import io.palisade.keys.ColdSigningKey;
import io.palisade.keys.IssueCounter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code palisade keys node key-gen}: a new cold key pair and its issue counter. */
@Command(
    name = "key-gen",
    mixinStandardHelpOptions = true,
    header = "Create a new stake pool cold key pair and operational certificate issue counter.",
    description = "The signing key goes into the vault (vault:cold by default); the verification key and the counter"
        + " (next number 0) are written as cardano-cli files.")
public final class KeyGenCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin NewKeyOutput output;

  @Option(names = "--cold-verification-key-file", required = true, paramLabel = "FILE")
  Path vkeyFile;

  @Option(names = "--cold-signing-key-file", paramLabel = "vault:NAME|FILE", defaultValue = "vault:cold")
  String skey;

  @Option(names = "--operational-certificate-issue-counter-file", required = true, paramLabel = "FILE")
  Path counterFile;

  @Override
  public Integer call() throws Exception {
    return KeysFailures.run(() -> {
      KeyRef ref = KeyRef.parse(skey);
      output.claim(ref, "--cold-signing-key-file", new OutputFiles.Target("--cold-verification-key-file", vkeyFile),
          new OutputFiles.Target("--operational-certificate-issue-counter-file", counterFile));
      try (ColdSigningKey cold = ColdSigningKey.generate(new SecureRandom())) {
        output.store(ref, cold, spec.commandLine().getErr());
        AtomicFile.write(vkeyFile, cold.verificationKeyEnvelope().toBytes(), false);
        new IssueCounter(0, cold.verificationKey()).write(counterFile);
        spec.commandLine().getOut().println("pool " + cold.poolId().bech32() + " (" + cold.poolId().hex() + ")");
      }
      return ExitCodes.OK;
    });
  }
}
