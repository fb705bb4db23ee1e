package io.palisade.runtime.local;

import io.palisade.chain.ChainClock;
import io.palisade.control.ControlEvent;
import io.palisade.control.ControlEvent.Reason;
import io.palisade.control.ForgingWindow;
import io.palisade.control.KeyChanges;
import io.palisade.control.PoolChanges;
import io.palisade.control.api.ActionResult;
import io.palisade.control.api.HotKeyStatus;
import io.palisade.keys.KeysException;
import io.palisade.keys.PassphraseFile;
import io.palisade.keys.bundle.BundleHeader;
import io.palisade.keys.bundle.HotKeyBundle;
import io.palisade.spec.KeysSpec;
import io.palisade.spec.PoolSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The block producer's hot keys on this host: rotating in the bundle the spec names, revoking the installed keys
 * (control's {@link KeyChanges} decides both), and dropping keys a revocation recorded before a restart. The key
 * files live in a RAM-backed directory; the passphrase is wiped once used.
 */
final class HotKeyRotation {
  private final LocalPoolOptions options;
  private final PoolSpec spec;
  private final ChainClock chain;
  private final Clock clock;
  private final LoopState loop;
  private final DecisionApplier applier;
  /** The block producer's hot keys now: a rotation replaces them, a revocation empties them. */
  private final AtomicReference<Optional<HotKeyFiles>> installed;
  private final MaintenanceGate gate;
  private final EventHub events;
  private final Path keyDir;
  /**
   * The producer whose node holds the keys now: the block producer, or with a standby the forging lease's holder. A
   * rotation restarts that one, or with a standby has it re-read its credential links; a revocation restarts it (the
   * other runs without the keys, and its links live under {@code keyDir}, wiped with it).
   */
  private final Supplier<String> keyHolder;
  /** The producer lease of a pool with a standby. */
  private final Optional<ProducerLeaseKeeper> lease;

  HotKeyRotation(LocalPoolOptions options, ChainClock chain, LoopState loop, DecisionApplier applier,
      AtomicReference<Optional<HotKeyFiles>> installed, Path keyDir, MaintenanceGate gate, EventHub events,
      Optional<ProducerLeaseKeeper> lease) {
    this.lease = lease;
    String bp = options.pool().spec().blockProducerRef().name();
    this.keyHolder = () -> lease.map(k -> k.state().lease().holder()).orElse(bp);
    this.gate = gate;
    this.events = events;
    this.options = options;
    this.spec = options.pool().spec();
    this.chain = chain;
    this.clock = options.clock();
    this.loop = loop;
    this.applier = applier;
    this.installed = installed;
    this.keyDir = keyDir;
  }

  /**
   * Drops the keys opened at start when the data directory recorded their revocation (revoked keys are never
   * installed again by a restart).
   *
   * @param progress where to say so
   */
  void honourRevocation(Consumer<String> progress) throws IOException {
    KeyChanges.Revocation revoked = loop.desired().revokedKeys();
    if (revoked != null && installed.get().isPresent()) {
      HotKeySetup.remove(installed.get().get().directory());
      HotKeySetup.remove(keyDir);
      installed.set(Optional.empty());
      progress.accept("the block producer's hot keys were revoked through the console on " + revoked.at()
          + "; it runs without them (no forging) until a key rotation installs new ones");
    }
  }

  /** The keys' status now. */
  HotKeyStatus status() {
    return StatusProjection.keys(installed.get().map(HotKeyFiles::header), loop.desired().revokedKeys(), chain,
        clock.instant());
  }

  /**
   * Installs the spec's bundle in place of the keys and restarts the block producer (on the loop's thread), in a
   * free window between its leader slots: until then the rotation is checked and queued ({@link MaintenanceGate}).
   */
  ActionResult rotate(KeyChanges.Key key, String passphraseFile) throws IOException {
    return rotate(key, passphraseFile, true);
  }

  /** The rotation queued for a window, now that the window is free: checked again, then carried out. */
  ActionResult rotateNow(KeyChanges.Key key, String passphraseFile) throws IOException {
    return rotate(key, passphraseFile, false);
  }

  private ActionResult rotate(KeyChanges.Key key, String passphraseFile, boolean gated) throws IOException {
    if (key == KeyChanges.Key.COLD) {
      return refused(KeyChanges.rotationRefusal(key, Optional.empty(), Optional.empty(), null, null).orElseThrow());
    }
    KeysSpec keys = spec.keys();
    if (keys == null || keys.hotKeyBundle() == null) {
      return refused("the pool spec names no keys.hotKeyBundle: put the new bundle's path there and restart"
          + " 'palisade up' (the nodes are adopted), then queue the rotation");
    }
    Path bundle = options.pool().resolve(keys.hotKeyBundle());
    BundleHeader candidate;
    try {
      candidate = HotKeyBundle.inspect(bundle);
    } catch (KeysException e) {
      return refused("the hot-key bundle " + bundle + " cannot be used: " + e.getMessage());
    }
    Optional<String> refusal = KeyChanges.rotationRefusal(key, installed.get().map(HotKeyFiles::facts),
        Optional.ofNullable(loop.desired().revokedKeys()), HotKeyFiles.facts(candidate), chainFacts());
    if (refusal.isPresent()) {
      return refused(refusal.get());
    }
    Optional<Path> passFile = passphraseFile != null && !passphraseFile.isBlank()
        ? Optional.of(Path.of(passphraseFile)) : options.hotKeyPassphraseFile();
    if (passFile.isEmpty()) {
      return refused("no passphrase for the hot-key bundle: name a passphrase file when queueing the rotation, or"
          + " start 'palisade up' with --hot-key-passphrase-file");
    }
    if (gated) {
      Instant now = clock.instant();
      String producer = keyHolder.get();
      ForgingWindow.Verdict w = gate.rotationVerdict(producer, loop.current(), loop.observed(), now);
      if (!w.admitted()) {
        gate.queueRotation(new MaintenanceGate.QueuedRotation(key, passphraseFile));
        gate.waitingEvent(w, producer, now).ifPresent(e -> events.record(List.of(e)));
        return new ActionResult(true, "the " + key + " rotation of " + producer + " is checked and queued, "
            + w.describe(now), producer);
      }
    }
    HotKeyFiles next;
    char[] passphrase = null;
    try {
      passphrase = PassphraseFile.read(passFile.get(), "bundle passphrase");
      next = HotKeySetup.install(bundle, passphrase, Optional.of(candidate.poolIdHex()), keyDir);
    } catch (KeysException | IOException e) {
      return refused("the hot-key bundle " + bundle + " cannot be opened: " + e.getMessage());
    } finally {
      if (passphrase != null) {
        Arrays.fill(passphrase, '\0');
      }
    }
    Optional<HotKeyFiles> old = installed.getAndSet(Optional.of(next));
    loop.saveDesired(loop.desired().withRevokedKeys(null));
    String holder = keyHolder.get();
    String installedWhat = key + " rotation: installed the hot-key bundle " + bundle.getFileName() + " (pool "
        + candidate.poolIdBech32() + ", opcert counter " + candidate.opcertCounter() + ", KES period "
        + candidate.kesStartPeriod() + ")";
    String what;
    List<String> failures;
    if (lease.isPresent()) {
      // With a standby the holder's credentials are links: pointed at the new keys, a SIGHUP makes it forge with
      // them, as a promotion does, with no restart and no replay.
      what = installedWhat + (lease.get().reloadCredentials() ? " and gave " + holder + " the new credentials (a"
          + " SIGHUP: it re-reads them without a restart)" : "; " + holder + " gets them when it starts or is"
          + " promoted");
      events.record(List.of(ControlEvent.of(clock.instant(), Reason.KEYS_ROTATED, holder, what)));
      failures = List.of();
    } else {
      what = installedWhat + " and restarted " + holder + " with it";
      failures = applier.apply(PoolChanges.restartProducer(loop.current(), holder, Reason.KEYS_ROTATED, what,
          clock.instant()));
    }
    if (old.isPresent() && !old.get().directory().equals(next.directory())) {
      HotKeySetup.remove(old.get().directory());
    }
    return failures.isEmpty() ? new ActionResult(true, what, holder)
        : new ActionResult(false, "the new keys are installed, but: " + String.join("; ", failures), holder);
  }

  /** Wipes the keys and restarts the block producer without them (on the loop's thread). */
  ActionResult revoke(KeyChanges.Key key, String reason) throws IOException {
    Optional<HotKeyFiles> keys = installed.get();
    Optional<String> refusal = KeyChanges.revocationRefusal(key, keys.map(HotKeyFiles::facts));
    if (refusal.isPresent()) {
      return refused(refusal.get());
    }
    BundleHeader h = keys.get().header();
    Instant now = clock.instant();
    // Recorded first: a crash after this line still ends with the keys revoked at the next start.
    loop.saveDesired(loop.desired().withRevokedKeys(new KeyChanges.Revocation(now, h.poolIdHex(), h.opcertCounter(),
        reason)));
    installed.set(Optional.empty());
    // Every copy goes: a standby's credentials live in a subdirectory of keyDir.
    HotKeySetup.remove(keyDir);
    String holder = keyHolder.get();
    String what = key + " revocation" + (reason == null || reason.isBlank() ? "" : " (" + reason + ")")
        + ": the hot keys (opcert counter " + h.opcertCounter() + ") were wiped from disk and from the memory of "
        + holder + ", which was restarted without them; it does not forge until a key rotation installs new keys";
    List<String> failures = applier.apply(PoolChanges.restartProducer(loop.current(), holder, Reason.KEYS_REVOKED,
        what, now));
    return failures.isEmpty() ? new ActionResult(true, what, holder)
        : new ActionResult(false, "the keys are wiped, but: " + String.join("; ", failures), holder);
  }

  /** Removes the key files (the pool stops). */
  void removeFiles() throws IOException {
    HotKeySetup.remove(keyDir);
  }

  private KeyChanges.Chain chainFacts() {
    return new KeyChanges.Chain(chain.genesis().networkName(), spec.network().isMainnet(),
        chain.kesPeriodAt(clock.instant()), chain.genesis().maxKesEvolutions());
  }

  private static ActionResult refused(String message) {
    return new ActionResult(false, message, null);
  }
}
