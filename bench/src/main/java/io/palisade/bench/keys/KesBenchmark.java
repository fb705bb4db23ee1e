package io.palisade.bench.keys;

import io.palisade.keys.kes.KesSigningKey;
import io.palisade.keys.kes.KesVerificationKey;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sum6 KES (issue #3): key generations, signatures, evolutions and verifications per second. A block header body is
 * a few hundred bytes; the message here is 512. Evolution cost depends on the period (crossing a subtree boundary
 * regenerates the subtree), so {@link #evolve} walks a key through its whole life and reports the mean per evolution.
 *
 * <p>Run: {@code bench/run.sh KesBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
public class KesBenchmark {
  private final SecureRandom random = new SecureRandom();
  private byte[] seed;
  private byte[] message;
  private KesSigningKey key;
  private KesVerificationKey vk;
  private byte[] signature;
  private byte[] fresh;
  private KesSigningKey lifetime;

  /** A key at period 0, and a signature of the message at period 0. */
  @Setup(Level.Trial)
  public void setUp() {
    seed = new byte[32];
    random.nextBytes(seed);
    message = new byte[512];
    random.nextBytes(message);
    key = KesSigningKey.fromSeed(seed);
    vk = key.verificationKey();
    signature = key.sign(message);
    fresh = key.revealBytes();
  }

  /** A fresh copy for each lifetime walk. */
  @Setup(Level.Invocation)
  public void freshKey() {
    lifetime = KesSigningKey.fromBytes(fresh, 0);
  }

  /** Wipes the per-invocation key. */
  @TearDown(Level.Invocation)
  public void wipe() {
    lifetime.close();
  }

  /** Key generation from a seed (64 Ed25519 public keys, 63 Blake2b-256 of the tree plus seed expansion). */
  @Benchmark
  public KesVerificationKey keygen() {
    seed[0]++;
    try (KesSigningKey k = KesSigningKey.fromSeed(seed)) {
      return k.verificationKey();
    }
  }

  /** A 448-byte signature at the current period. */
  @Benchmark
  public byte[] sign() {
    return key.sign(message);
  }

  /** Verification of a 448-byte signature (six Blake2b-256 and one Ed25519 verify). */
  @Benchmark
  public boolean verify() {
    return vk.verify(0, message, signature);
  }

  /** The 63 evolutions of a key's life; the figure is per evolution. */
  @Benchmark
  @OperationsPerInvocation(63)
  public long evolve() {
    for (int i = 0; i < 63; i++) {
      lifetime.evolve();
    }
    return lifetime.period();
  }
}
