package io.palisade.cli.keys;

import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.keys.ColdSigningKey;
import io.palisade.keys.OperationalCertificate;
import io.palisade.keys.OperationalCertificates;
import io.palisade.keys.SigningKey;
import io.palisade.keys.kes.KesVerificationKey;
import io.palisade.keys.vault.Vault;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code palisade keys node issue-op-cert}: exactly cardano-cli's, byte for byte. */
@Command(
    name = "issue-op-cert",
    mixinStandardHelpOptions = true,
    header = "Issue a node operational certificate, as cardano-cli node issue-op-cert.",
    description = {"Uses the number in the counter file, then rewrites it with the next number (counter first, then"
        + " the certificate, as cardano-cli).",
        "No guard rails here: 'palisade keys rotate' checks the counter against the chain and the KES period against"
        + " the node's clock. Prefer it."})
public final class IssueOpCertCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin VaultOptions vault;

  @Mixin OutputFiles files;

  @Option(names = "--kes-verification-key-file", required = true, paramLabel = "FILE")
  Path kesVkey;

  @Option(names = "--cold-signing-key-file", paramLabel = "vault:NAME|FILE", defaultValue = "vault:cold")
  String cold;

  @Option(names = "--operational-certificate-issue-counter-file", required = true, paramLabel = "FILE")
  Path counter;

  @Option(names = "--kes-period", required = true, paramLabel = "N")
  long kesPeriod;

  @Option(names = "--out-file", required = true, paramLabel = "FILE")
  Path out;

  @Override
  public Integer call() throws Exception {
    return KeysFailures.run(() -> {
      if (kesPeriod < 0) {
        throw new ExitException(ExitCodes.INVALID_INPUT, "--kes-period must be >= 0, was: " + kesPeriod);
      }
      files.claim(new OutputFiles.Target("--out-file", out));
      KesVerificationKey kesVk = KesVerificationKey.read(kesVkey);
      KeyRef ref = KeyRef.parse(cold);
      OperationalCertificate cert;
      if (ref.inVault()) {
        try (Vault v = vault.open(); ColdSigningKey key = v.coldKey(ref.vaultName().get())) {
          cert = OperationalCertificates.issue(key, kesVk, counter, kesPeriod, out);
          v.recordIssued(cert.counter(), cert.kesPeriod());
        }
      } else {
        try (SigningKey key = ref.load(vault, spec.commandLine().getErr())) {
          if (!(key instanceof ColdSigningKey c)) {
            throw new ExitException(ExitCodes.INVALID_INPUT, cold + " is a " + key.type().type()
                + ", not a cold signing key");
          }
          cert = OperationalCertificates.issue(c, kesVk, counter, kesPeriod, out);
        }
      }
      spec.commandLine().getOut().println("issued opcert counter " + cert.counter() + " at KES period "
          + cert.kesPeriod() + " for pool " + cert.poolId().bech32());
      return ExitCodes.OK;
    });
  }
}
