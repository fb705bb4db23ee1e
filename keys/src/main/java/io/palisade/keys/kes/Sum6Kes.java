package io.palisade.keys.kes;

import io.palisade.keys.Blake2b;
import io.palisade.keys.Ed25519;
import java.util.Arrays;

/**
 * Sum-composition KES over Ed25519 with Blake2b-256 (cardano-base {@code KES/Sum.hs}), at depth 6 as Cardano uses it
 * ({@code Sum6KES Ed25519DSIGN Blake2b_256}): 64 periods, 608-byte signing keys, 32-byte verification keys, 448-byte
 * signatures.
 *
 * <p>Layout, recursively: a depth-d signing key is {@code sk(d-1) ‖ r1 ‖ vk0 ‖ vk1}, its verification key
 * {@code H(vk0 ‖ vk1)}, a signature {@code sig(d-1) ‖ vk0 ‖ vk1}; depth 0 is a plain Ed25519 seed. Key generation
 * from seed {@code s} splits it as {@code r0 = H(1 ‖ s)}, {@code r1 = H(2 ‖ s)}. The methods take the depth so the
 * smaller levels (tested against the Haskell key0/key1 vectors) share the code.
 */
public final class Sum6Kes {
  /** Cardano's depth. */
  public static final int DEPTH = 6;
  /** Periods of a Sum6 key. */
  public static final int PERIODS = 1 << DEPTH;
  /** Bytes of a Sum6 signing key. */
  public static final int SIGNING_KEY_BYTES = signingKeyBytes(DEPTH);
  /** Bytes of a Sum6 signature. */
  public static final int SIGNATURE_BYTES = signatureBytes(DEPTH);
  /** Bytes of a seed. */
  public static final int SEED_BYTES = 32;

  private Sum6Kes() {}

  /** Signing key size at depth {@code d}: 32 + 96·d. */
  public static int signingKeyBytes(int depth) {
    return 32 + 96 * depth;
  }

  /** Signature size at depth {@code d}: 64 + 64·d. */
  public static int signatureBytes(int depth) {
    return 64 + 64 * depth;
  }

  /** The depth-{@code d} signing key generated from a 32-byte seed. */
  public static byte[] generate(byte[] seed, int depth) {
    if (seed.length != SEED_BYTES) {
      throw new IllegalArgumentException("a KES seed is 32 bytes, was: " + seed.length);
    }
    byte[] out = new byte[signingKeyBytes(depth)];
    generateInto(seed, depth, out, 0);
    return out;
  }

  private static void generateInto(byte[] seed, int depth, byte[] out, int off) {
    if (depth == 0) {
      System.arraycopy(seed, 0, out, off, SEED_BYTES);
      return;
    }
    byte[] r0 = expand(1, seed);
    byte[] r1 = expand(2, seed);
    try {
      int child = signingKeyBytes(depth - 1);
      generateInto(r0, depth - 1, out, off);
      System.arraycopy(r1, 0, out, off + child, 32);
      byte[] vk0 = verificationKey(out, off, depth - 1);
      byte[] sk1 = generate(r1, depth - 1);
      byte[] vk1 = verificationKey(sk1, 0, depth - 1);
      Arrays.fill(sk1, (byte) 0);
      System.arraycopy(vk0, 0, out, off + child + 32, 32);
      System.arraycopy(vk1, 0, out, off + child + 64, 32);
    } finally {
      Arrays.fill(r0, (byte) 0);
      Arrays.fill(r1, (byte) 0);
    }
  }

  /** {@code Blake2b-256(tag ‖ seed)}: cardano-base {@code expandHashWith}. */
  private static byte[] expand(int tag, byte[] seed) {
    byte[] in = new byte[1 + seed.length];
    in[0] = (byte) tag;
    System.arraycopy(seed, 0, in, 1, seed.length);
    byte[] out = Blake2b.hash256(in);
    Arrays.fill(in, (byte) 0);
    return out;
  }

  /** The verification key of the depth-{@code d} signing key at {@code sk[off..)}. */
  public static byte[] verificationKey(byte[] sk, int off, int depth) {
    if (depth == 0) {
      return Ed25519.publicKey(sk, off);
    }
    return Blake2b.hash256(sk, off + signingKeyBytes(depth) - 64, 64);
  }

  /**
   * Signs at {@code period} with a key already evolved to that period.
   *
   * @param sk the signing key at {@code sk[off..)}
   * @param period the key's current period (0 to 2^d - 1)
   * @param depth the depth
   * @param message what to sign
   * @return the signature, {@link #signatureBytes(int)} long
   */
  public static byte[] sign(byte[] sk, int off, long period, int depth, byte[] message) {
    checkPeriod(period, depth);
    byte[] sig = new byte[signatureBytes(depth)];
    signInto(sk, off, period, depth, message, sig);
    return sig;
  }

  private static void signInto(byte[] sk, int off, long period, int depth, byte[] message, byte[] sig) {
    if (depth == 0) {
      System.arraycopy(Ed25519.sign(sk, off, message), 0, sig, 0, Ed25519.SIGNATURE_BYTES);
      return;
    }
    long half = 1L << (depth - 1);
    signInto(sk, off, period < half ? period : period - half, depth - 1, message, sig);
    int childKey = signingKeyBytes(depth - 1);
    System.arraycopy(sk, off + childKey + 32, sig, signatureBytes(depth - 1), 64);
  }

  /**
   * Evolves a key in place from {@code period} to {@code period + 1}.
   *
   * @return false if {@code period} was the last one (the key is then unchanged and spent)
   */
  public static boolean update(byte[] sk, int off, long period, int depth) {
    checkPeriod(period, depth);
    if (period + 1 >= (1L << depth)) {
      return false;
    }
    updateInto(sk, off, period, depth);
    return true;
  }

  private static void updateInto(byte[] sk, int off, long period, int depth) {
    long half = 1L << (depth - 1);
    int childKey = signingKeyBytes(depth - 1);
    if (period + 1 < half) {
      updateInto(sk, off, period, depth - 1);
    } else if (period + 1 == half) {
      // Switch to the right subtree: generate it from r1, then forget r1 (forward security).
      byte[] r1 = Arrays.copyOfRange(sk, off + childKey, off + childKey + 32);
      Arrays.fill(sk, off, off + childKey, (byte) 0);
      generateInto(r1, depth - 1, sk, off);
      Arrays.fill(r1, (byte) 0);
      Arrays.fill(sk, off + childKey, off + childKey + 32, (byte) 0);
    } else {
      updateInto(sk, off, period - half, depth - 1);
    }
  }

  /** Verifies a Sum6 signature made at {@code period}. */
  public static boolean verify(byte[] vk, long period, byte[] message, byte[] signature) {
    return verify(vk, period, DEPTH, message, signature);
  }

  /** Verifies a depth-{@code d} signature made at {@code period}. */
  public static boolean verify(byte[] vk, long period, int depth, byte[] message, byte[] signature) {
    if (vk.length != 32 || signature.length != signatureBytes(depth) || period < 0 || period >= (1L << depth)) {
      return false;
    }
    return verifyAt(vk, period, depth, message, signature);
  }

  private static boolean verifyAt(byte[] vk, long period, int depth, byte[] message, byte[] sig) {
    if (depth == 0) {
      return Ed25519.verify(vk, 0, message, sig, 0);
    }
    int pairs = signatureBytes(depth - 1);
    byte[] h = Blake2b.hash256(sig, pairs, 64);
    if (!java.security.MessageDigest.isEqual(h, vk)) {
      return false;
    }
    long half = 1L << (depth - 1);
    byte[] child = period < half
        ? Arrays.copyOfRange(sig, pairs, pairs + 32)
        : Arrays.copyOfRange(sig, pairs + 32, pairs + 64);
    byte[] childSig = Arrays.copyOf(sig, pairs);
    return verifyAt(child, period < half ? period : period - half, depth - 1, message, childSig);
  }

  private static void checkPeriod(long period, int depth) {
    if (period < 0 || period >= (1L << depth)) {
      throw new IllegalArgumentException("KES period must be 0 to " + ((1L << depth) - 1) + ", was: " + period);
    }
  }
}
