package io.palisade.keys;

import io.palisade.cbor.CborException;
import io.palisade.cbor.CborReader;
import io.palisade.cbor.CborWriter;
import io.palisade.keys.kes.KesVerificationKey;
import io.palisade.spec.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A node operational certificate: the cold key's Ed25519 signature over a KES verification key, an issue counter and
 * a KES start period. Needs no secret to read or verify; other modules use {@link #read(Path)} and {@link #verify()}.
 *
 * <p>CBOR as cardano-cli writes it: {@code [[bytes(kesVk), counter, kesPeriod, bytes(sigma)], bytes(coldVk)]}. The
 * signed bytes are not CBOR: {@code kesVk(32) ‖ uint64be(counter) ‖ uint64be(kesPeriod)} (cardano-ledger
 * {@code OCertSignable}).
 *
 * <pre>{@code
 * OperationalCertificate cert = OperationalCertificate.read(Path.of("node.cert"));
 * if (!cert.verify()) { ... }
 * long expires = cert.kesPeriod() + genesis.maxKesEvolutions();
 * }</pre>
 *
 * @param kesVerificationKey the hot KES key it certifies
 * @param counter the issue counter
 * @param kesPeriod the KES period it starts at
 * @param signature the cold key's 64-byte signature
 * @param coldVerificationKey the cold key that signed it
 */
public record OperationalCertificate(
    KesVerificationKey kesVerificationKey,
    long counter,
    long kesPeriod,
    byte[] signature,
    ColdVerificationKey coldVerificationKey) {

  /** Checks sizes and copies the signature. */
  public OperationalCertificate {
    if (counter < 0 || kesPeriod < 0) {
      throw KeysException.invalid("counter and KES period must be >= 0, were: " + counter + ", " + kesPeriod);
    }
    if (signature.length != 64) {
      throw KeysException.invalid("an opcert signature is 64 bytes, was: " + signature.length);
    }
    signature = signature.clone();
  }

  /**
   * Issues a certificate, as {@code cardano-cli node issue-op-cert} does (deterministic: the same inputs give the same
   * bytes).
   */
  public static OperationalCertificate issue(
      ColdSigningKey cold, KesVerificationKey kesVk, long counter, long kesPeriod) {
    byte[] sig = cold.sign(signable(kesVk, counter, kesPeriod));
    return new OperationalCertificate(kesVk, counter, kesPeriod, sig, cold.verificationKey());
  }

  /** The 48 bytes the cold key signs. */
  public static byte[] signable(KesVerificationKey kesVk, long counter, long kesPeriod) {
    return ByteBuffer.allocate(48).put(kesVk.bytes()).putLong(counter).putLong(kesPeriod).array();
  }

  /** Whether the signature is the cold key's over (KES vk, counter, period). */
  public boolean verify() {
    return coldVerificationKey.verify(signable(kesVerificationKey, counter, kesPeriod), signature);
  }

  /**
   * Why this certificate is not valid for the given keys, or empty if it is.
   *
   * @param expectedCold the cold key it must be signed by
   * @param expectedKes the KES key it must certify, if known
   */
  public Optional<String> problem(ColdVerificationKey expectedCold, Optional<KesVerificationKey> expectedKes) {
    if (!coldVerificationKey.equals(expectedCold)) {
      return Optional.of("the certificate names cold key " + coldVerificationKey.hex() + " (pool "
          + coldVerificationKey.poolId().hex() + "), not the given " + expectedCold.hex() + " (pool "
          + expectedCold.poolId().hex() + ")");
    }
    if (!verify()) {
      return Optional.of("the cold key's signature does not verify: the certificate was altered or not signed by"
          + " this cold key");
    }
    if (expectedKes.isPresent() && !expectedKes.get().equals(kesVerificationKey)) {
      return Optional.of("the certificate certifies KES key " + kesVerificationKey.hex() + ", not the given "
          + expectedKes.get().hex());
    }
    return Optional.empty();
  }

  /** The pool this certificate belongs to. */
  public PoolId poolId() {
    return coldVerificationKey.poolId();
  }

  /** A copy of the signature. */
  @Override
  public byte[] signature() {
    return signature.clone();
  }

  /** The CBOR payload. */
  public byte[] toCbor() {
    return new CborWriter()
        .array(2)
        .array(4)
        .bytes(kesVerificationKey.bytes())
        .uint(counter)
        .uint(kesPeriod)
        .bytes(signature)
        .bytes(coldVerificationKey.bytes())
        .toByteArray();
  }

  /** Lower-case hex of the CBOR payload. */
  public String cborHex() {
    return HexFormat.of().formatHex(toCbor());
  }

  /** The text envelope as cardano-cli writes it (empty description). */
  public TextEnvelope toEnvelope() {
    return TextEnvelope.of(EnvelopeType.OPERATIONAL_CERTIFICATE, toCbor());
  }

  /** Writes the certificate file atomically. */
  public void write(Path file) {
    try {
      AtomicFile.write(file, toEnvelope().toBytes(), false);
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }

  /** Parses the CBOR payload (strict: exact shape, sizes, no trailing bytes). */
  public static OperationalCertificate fromCbor(byte[] cbor, String source) {
    try {
      CborReader r = new CborReader(cbor);
      r.readArrayHeader(2, "an operational certificate");
      r.readArrayHeader(4, "the certificate body");
      byte[] kes = r.readBytesExactly(32, "the KES verification key");
      long counter = r.readUint();
      long period = r.readUint();
      byte[] sig = r.readBytesExactly(64, "the cold key signature");
      byte[] cold = r.readBytesExactly(32, "the cold verification key");
      r.requireEnd("an operational certificate");
      return new OperationalCertificate(new KesVerificationKey(kes), counter, period, sig,
          new ColdVerificationKey(cold));
    } catch (CborException e) {
      throw KeysException.invalid(source + " (operational certificate): " + e.getMessage());
    }
  }

  /** Reads an operational certificate text-envelope file. */
  public static OperationalCertificate read(Path textEnvelope) {
    TextEnvelope env = TextEnvelope.read(textEnvelope);
    env.requireType(EnvelopeType.OPERATIONAL_CERTIFICATE, textEnvelope.toString());
    return fromCbor(env.cbor(), textEnvelope.toString());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OperationalCertificate c && Arrays.equals(toCbor(), c.toCbor());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(toCbor());
  }

  @Override
  public String toString() {
    return "OperationalCertificate[pool " + poolId().hex() + ", counter " + counter + ", KES period " + kesPeriod
        + ", KES vk " + kesVerificationKey.hex() + "]";
  }
}
