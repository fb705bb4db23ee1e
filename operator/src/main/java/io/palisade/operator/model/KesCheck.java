package io.palisade.operator.model;

import io.palisade.agent.KesWarning;
import io.palisade.chain.ChainClock;
import io.palisade.chain.GenesisParameters;
import io.palisade.deploy.model.HotKeyFiles;
import io.palisade.keys.EnvelopeType;
import io.palisade.keys.OperationalCertificate;
import io.palisade.keys.TextEnvelope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;

/**
 * How long the block producer's operational certificate (from the hot-key Secret's public {@code node.cert}) has left,
 * against the chain clock: the {@code KESExpiring} condition. Only the certificate is read; the Secret's keys are not.
 *
 * @param warning how close the expiry is, or null when nothing is known (no Secret data yet, unreadable certificate)
 * @param expiresAt when the certificate stops being valid, or null
 * @param message for people
 */
public record KesCheck(KesWarning warning, Instant expiresAt, String message) {

  /**
   * Judges the certificate in a hot-key Secret's data.
   *
   * @param secretData the Secret's {@code data} (base64 values), or null
   * @param genesis the pool's network
   * @param now the time
   * @return the judgement
   */
  public static KesCheck of(Map<String, String> secretData, GenesisParameters genesis, Instant now) {
    String cert = secretData == null ? null : secretData.get(HotKeyFiles.NODE_CERT);
    if (cert == null) {
      return new KesCheck(null, null, "the hot-key Secret holds no " + HotKeyFiles.NODE_CERT
          + " yet (palisade k8s apply --hot-key-bundle fills it)");
    }
    try {
      TextEnvelope env = TextEnvelope.parse(Base64.getDecoder().decode(cert), HotKeyFiles.NODE_CERT);
      env.requireType(EnvelopeType.OPERATIONAL_CERTIFICATE, HotKeyFiles.NODE_CERT);
      OperationalCertificate opcert = OperationalCertificate.fromCbor(env.cbor(), HotKeyFiles.NODE_CERT);
      ChainClock clock = new ChainClock(genesis, Clock.fixed(now, ZoneOffset.UTC));
      Instant expiry = clock.opcertExpiry(opcert.kesPeriod());
      Duration left = Duration.between(now, expiry);
      KesWarning w = KesWarning.of(left);
      String text = w == KesWarning.EXPIRED
          ? "the operational certificate (KES period " + opcert.kesPeriod() + ") expired at " + expiry
              + ": the pool cannot forge; rotate the KES key"
          : "the operational certificate (KES period " + opcert.kesPeriod() + ") expires at " + expiry + ", in "
              + left.toDays() + " day(s)" + (w == KesWarning.NONE ? "" : ": rotate the KES key");
      return new KesCheck(w, expiry, text);
    } catch (RuntimeException e) {
      return new KesCheck(null, null, "cannot read " + HotKeyFiles.NODE_CERT + " in the hot-key Secret: "
          + e.getMessage());
    }
  }
}
