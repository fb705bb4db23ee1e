package io.palisade.keys;

import io.palisade.cbor.CborException;
import io.palisade.cbor.CborReader;
import io.palisade.cbor.CborWriter;
import io.palisade.spec.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The operational-certificate issue counter file: the number the next certificate will carry, and the cold
 * verification key it belongs to. CBOR {@code [next, bytes(coldVk)]}.
 *
 * @param next the counter the next certificate will carry
 * @param coldVerificationKey the cold key the counter belongs to
 */
public record IssueCounter(long next, ColdVerificationKey coldVerificationKey) {
  /** Checks the values. */
  public IssueCounter {
    if (next < 0) {
      throw KeysException.invalid("issue counter must be >= 0, was: " + next);
    }
  }

  /** The CBOR payload. */
  public byte[] toCbor() {
    return new CborWriter().array(2).uint(next).bytes(coldVerificationKey.bytes()).toByteArray();
  }

  /**
   * The envelope as {@code node key-gen} and {@code issue-op-cert} write it: description
   * "Next certificate issue number: N".
   */
  public TextEnvelope toEnvelope() {
    return new TextEnvelope(EnvelopeType.ISSUE_COUNTER.type(), "Next certificate issue number: " + next, toCbor());
  }

  /** The envelope as {@code node new-counter} writes it: empty description. */
  public TextEnvelope toEnvelopeWithoutDescription() {
    return TextEnvelope.of(EnvelopeType.ISSUE_COUNTER, toCbor());
  }

  /** Parses the CBOR payload. */
  public static IssueCounter fromCbor(byte[] cbor, String source) {
    try {
      CborReader r = new CborReader(cbor);
      r.readArrayHeader(2, "an issue counter");
      long next = r.readUint();
      byte[] vk = r.readBytesExactly(32, "the cold verification key");
      r.requireEnd("an issue counter");
      return new IssueCounter(next, new ColdVerificationKey(vk));
    } catch (CborException e) {
      throw KeysException.invalid(source + " (issue counter): " + e.getMessage());
    }
  }

  /** Reads an issue counter file. */
  public static IssueCounter read(Path file) {
    TextEnvelope env = TextEnvelope.read(file);
    env.requireType(EnvelopeType.ISSUE_COUNTER, file.toString());
    return fromCbor(env.cbor(), file.toString());
  }

  /** Writes the counter file atomically as {@code issue-op-cert} does. */
  public void write(Path file) {
    try {
      AtomicFile.write(file, toEnvelope().toBytes(), false);
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }
}
