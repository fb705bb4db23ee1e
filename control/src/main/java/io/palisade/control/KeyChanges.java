package io.palisade.control;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Guard rails for the block producer's hot keys on a running pool, pure: whether a hot-key bundle may replace the
 * installed keys (a rotation), and whether the installed keys may be revoked. The cold key never comes online, so
 * neither applies to it.
 */
public final class KeyChanges {
  private KeyChanges() {}

  /** The keys an operator can rotate or revoke, as the console names them. */
  public enum Key {
    /** The KES key and its operational certificate. */
    KES,
    /** The VRF key (a new one must also be registered on chain). */
    VRF,
    /** The cold key: offline, never handled by a runtime. */
    COLD
  }

  /**
   * A revocation, remembered so the revoked keys are not installed again (by a restart or an older bundle).
   *
   * @param at when the keys were revoked
   * @param poolIdHex the pool they belonged to
   * @param opcertCounter the revoked operational certificate's counter
   * @param reason the operator's reason
   */
  public record Revocation(Instant at, String poolIdHex, long opcertCounter, String reason) {
    /** Checks the fields. */
    public Revocation {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(poolIdHex, "poolIdHex");
      reason = reason == null ? "" : reason;
    }
  }

  /**
   * The chain facts a bundle is checked against.
   *
   * @param network the pool's network name, as genesis names it ({@code Mainnet}, {@code Preview}, ...)
   * @param mainnet whether the pool is on mainnet
   * @param currentKesPeriod the current KES period
   * @param maxKesEvolutions how many periods an operational certificate is valid
   */
  public record Chain(String network, boolean mainnet, long currentKesPeriod, long maxKesEvolutions) {}

  /**
   * Why {@code candidate} may not replace the installed keys in a rotation of {@code key}, if it may not.
   *
   * @param key the key being rotated
   * @param installed the installed bundle's facts, if keys are installed
   * @param revoked the last revocation, if the keys were revoked since
   * @param candidate the new bundle's (authenticated) facts
   * @param chain the pool's chain facts
   * @return the refusal, or empty when the rotation may go ahead
   */
  public static Optional<String> rotationRefusal(Key key, Optional<HotKeyFacts> installed,
      Optional<Revocation> revoked, HotKeyFacts candidate, Chain chain) {
    if (key == Key.COLD) {
      return Optional.of("the cold key never comes online: rotate it in the offline key ceremony (docs/keys.md), then"
          + " re-register the pool");
    }
    if (!candidate.network().equalsIgnoreCase(chain.network())) {
      return Optional.of("the bundle is for " + candidate.network() + ", the pool runs on " + chain.network());
    }
    if (candidate.demo() && chain.mainnet()) {
      return Optional.of("the bundle is a throwaway DEMO key set; a mainnet pool never runs one");
    }
    Optional<String> pool = installed.map(HotKeyFacts::poolIdHex).or(() -> revoked.map(Revocation::poolIdHex));
    if (pool.isPresent() && !pool.get().equals(candidate.poolIdHex())) {
      return Optional.of("the bundle is for pool " + candidate.poolIdHex() + ", the block producer runs pool "
          + pool.get());
    }
    if (revoked.isPresent() && candidate.opcertCounter() <= revoked.get().opcertCounter()) {
      return Optional.of("the bundle's operational certificate counter " + candidate.opcertCounter() + " is not above"
          + " the revoked one's (" + revoked.get().opcertCounter() + "); revoked keys are never installed again");
    }
    if (installed.isPresent()) {
      HotKeyFacts now = installed.get();
      if (key == Key.KES) {
        if (candidate.opcertCounter() <= now.opcertCounter()) {
          return Optional.of("the bundle's operational certificate counter " + candidate.opcertCounter() + " is not"
              + " above the installed one's (" + now.opcertCounter() + "): it is not a new KES key");
        }
        if (!candidate.vrfVerificationKeyHex().equals(now.vrfVerificationKeyHex())) {
          return Optional.of("the bundle also replaces the VRF key; queue a VRF rotation for that (the new VRF key"
              + " must be registered on chain first)");
        }
      } else {
        if (candidate.vrfVerificationKeyHex().equals(now.vrfVerificationKeyHex())) {
          return Optional.of("the bundle holds the VRF key already installed: it is not a new VRF key");
        }
        if (candidate.opcertCounter() < now.opcertCounter()) {
          return Optional.of("the bundle's operational certificate counter " + candidate.opcertCounter() + " is below"
              + " the installed one's (" + now.opcertCounter() + ")");
        }
      }
    }
    if (candidate.kesStartPeriod() > chain.currentKesPeriod()) {
      return Optional.of("the bundle's operational certificate starts at KES period " + candidate.kesStartPeriod()
          + ", after the current period " + chain.currentKesPeriod());
    }
    if (candidate.kesStartPeriod() + chain.maxKesEvolutions() <= chain.currentKesPeriod()) {
      return Optional.of("the bundle's operational certificate (KES period " + candidate.kesStartPeriod()
          + ") has expired: the current period is " + chain.currentKesPeriod());
    }
    return Optional.empty();
  }

  /**
   * Why the installed keys may not be revoked, if they may not.
   *
   * @param key the key to revoke
   * @param installed the installed bundle's facts, if keys are installed
   * @return the refusal, or empty when the revocation may go ahead
   */
  public static Optional<String> revocationRefusal(Key key, Optional<HotKeyFacts> installed) {
    if (key == Key.COLD) {
      return Optional.of("the cold key never comes online, so no runtime holds it: to end the pool, retire it on"
          + " chain with a certificate signed offline");
    }
    if (installed.isEmpty()) {
      return Optional.of("the block producer holds no hot keys: nothing to revoke");
    }
    return Optional.empty();
  }
}
