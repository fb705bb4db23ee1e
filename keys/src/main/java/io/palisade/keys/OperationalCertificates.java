package io.palisade.keys;

import io.palisade.keys.kes.KesVerificationKey;
import java.nio.file.Path;

/** {@code issue-op-cert} as cardano-cli does it, with its counter file. */
public final class OperationalCertificates {
  private OperationalCertificates() {}

  /**
   * Issues a certificate with the number in the counter file, then rewrites the counter file with the next number
   * (counter first, then certificate, as cardano-cli). Both writes are atomic.
   *
   * @param cold the cold signing key
   * @param kesVk the KES key to certify
   * @param counterFile the issue counter file; must belong to {@code cold}
   * @param kesPeriod the KES start period
   * @param outFile where to write the certificate
   * @return the certificate
   * @throws KeysException if the counter file belongs to another cold key
   */
  public static OperationalCertificate issue(
      ColdSigningKey cold, KesVerificationKey kesVk, Path counterFile, long kesPeriod, Path outFile) {
    IssueCounter counter = IssueCounter.read(counterFile);
    if (!counter.coldVerificationKey().equals(cold.verificationKey())) {
      throw KeysException.invalid("Key mismatch: the signing key does not match the one that goes with the counter ("
          + counterFile + " belongs to pool " + counter.coldVerificationKey().poolId().hex() + ", the signing key to "
          + cold.poolId().hex() + ")");
    }
    OperationalCertificate cert = OperationalCertificate.issue(cold, kesVk, counter.next(), kesPeriod);
    new IssueCounter(counter.next() + 1, counter.coldVerificationKey()).write(counterFile);
    cert.write(outFile);
    return cert;
  }
}
