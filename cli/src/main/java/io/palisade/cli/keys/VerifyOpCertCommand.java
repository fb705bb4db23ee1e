package io.palisade.cli.keys;

import io.palisade.cli.ExitCodes;
import io.palisade.cli.JsonOption;
import io.palisade.keys.ColdVerificationKey;
import io.palisade.keys.OperationalCertificate;
import io.palisade.keys.kes.KesVerificationKey;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code palisade keys verify-op-cert}: exit 0 if valid, 1 with the reason if not. */
@Command(
    name = "verify-op-cert",
    mixinStandardHelpOptions = true,
    header = "Check an operational certificate against a cold key (and a KES key): exit 0 valid, 1 invalid.")
public final class VerifyOpCertCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin JsonOption json;

  @Option(names = "--op-cert-file", required = true, paramLabel = "FILE")
  Path opcert;

  @Option(names = "--cold-verification-key-file", required = true, paramLabel = "FILE")
  Path coldVkey;

  @Option(names = "--kes-verification-key-file", paramLabel = "FILE")
  Path kesVkey;

  /**
   * The answer for {@code --json}.
   *
   * @param valid whether the certificate is valid for the keys
   * @param reason why not, when invalid
   * @param poolId the pool the certificate names
   * @param counter its issue counter
   * @param kesPeriod its KES start period
   */
  public record VerifyResult(boolean valid, String reason, String poolId, long counter, long kesPeriod) {}

  @Override
  public Integer call() throws Exception {
    return KeysFailures.run(() -> {
      OperationalCertificate cert = OperationalCertificate.read(opcert);
      Optional<String> problem = cert.problem(ColdVerificationKey.read(coldVkey),
          Optional.ofNullable(kesVkey).map(KesVerificationKey::read));
      VerifyResult r = new VerifyResult(problem.isEmpty(), problem.orElse(null), cert.poolId().hex(), cert.counter(),
          cert.kesPeriod());
      PrintWriter out = spec.commandLine().getOut();
      json.print(out, r, () -> out.println(r.valid()
          ? "valid: opcert counter " + r.counter() + ", KES period " + r.kesPeriod() + ", pool " + r.poolId()
          : "INVALID: " + r.reason()));
      return r.valid() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    });
  }
}
