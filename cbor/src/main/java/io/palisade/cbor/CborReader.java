package io.palisade.cbor;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A pull reader for CBOR (RFC 8949) fed outside input: node messages, key files. Integers up to
 * {@code Long.MAX_VALUE}, nesting at most {@value #MAX_DEPTH} deep, and every length is checked against the bytes
 * actually present before anything is allocated, so a head claiming 2^60 bytes costs nothing.
 *
 * <p>The typed reads ({@link #readArrayHeader()}, {@link #readMapHeader()}, {@link #readBytes(int)}) accept definite
 * lengths only, as the Haskell mini-protocol and key decoders do; ledger results, which cardano-ledger encodes with
 * indefinite lengths past 23 entries, are read with {@link #readArrayHeaderOrIndefinite()} and
 * {@link #hasNext(int, int)}. {@link #skip()} and {@link #itemLength} follow both forms.
 *
 * <p>Running out of bytes throws a {@link CborException} whose {@link CborException#incomplete()} is true: a stream
 * reader reads another frame and starts again from the beginning of the item.
 *
 * <pre>{@code
 * CborReader r = new CborReader(bytes);
 * r.readArrayHeader(2, "an issue counter");
 * long next = r.readUint();
 * byte[] vkey = r.readBytesExactly(32, "cold verification key");
 * r.requireEnd("an issue counter");
 * }</pre>
 */
public final class CborReader {
  /** Deepest nesting {@link #skip()} follows; real messages nest fewer than twenty levels. */
  public static final int MAX_DEPTH = 64;

  /** What {@link #readArrayHeaderOrIndefinite()} and {@link #readMapHeaderOrIndefinite()} return for "until break". */
  public static final int INDEFINITE = -1;

  private final CborInput in;

  /**
   * @param data the bytes (not copied; do not change them while reading)
   * @param offset where the first item starts
   * @param end one past the last byte that may be read
   */
  public CborReader(byte[] data, int offset, int end) {
    this.in = new CborInput(data, offset, end);
  }

  /** Reads from all of {@code data}. */
  public CborReader(byte[] data) {
    this(data, 0, data.length);
  }

  /** The offset of the next unread byte. */
  public int position() {
    return in.pos;
  }

  /** Whether every byte has been read. */
  public boolean atEnd() {
    return in.pos >= in.end;
  }

  /**
   * Fails unless every byte has been read.
   *
   * @param what the item that should have ended, for the message
   * @throws CborException naming how many bytes are left
   */
  public void requireEnd(String what) throws CborException {
    if (in.pos < in.end) {
      throw CborException.malformed(what + " has " + (in.end - in.pos) + " trailing bytes (byte " + in.pos + ")");
    }
  }

  /** The major type (0..7) of the next item, without consuming it. */
  public int peekMajorType() throws CborException {
    in.need(1);
    return (in.data[in.pos] & 0xff) >>> 5;
  }

  /** Whether the next byte is {@code null} (0xf6), without consuming it. */
  public boolean peekNull() throws CborException {
    in.need(1);
    return (in.data[in.pos] & 0xff) == 0xf6;
  }

  /** Reads an unsigned integer (major type 0). */
  public long readUint() throws CborException {
    int at = in.pos;
    int major = peekMajorType();
    if (major != 0) {
      throw in.unexpected("an unsigned integer", at);
    }
    return in.argument(at);
  }

  /** Reads an unsigned integer that must lie in {@code [min, max]}; {@code what} names it in the message. */
  public long readUint(long min, long max, String what) throws CborException {
    int at = in.pos;
    long v = readUint();
    if (v < min || v > max) {
      throw CborException.malformed(what + " must be in " + min + ".." + max + ", was: " + v + " (byte " + at + ")");
    }
    return v;
  }

  /** Reads a signed integer (major type 0 or 1). */
  public long readInt() throws CborException {
    int at = in.pos;
    int major = peekMajorType();
    if (major == 0) {
      return in.argument(at);
    }
    if (major == 1) {
      return -1 - in.argument(at);
    }
    throw in.unexpected("an integer", at);
  }

  /** Reads a definite-length byte string of at most {@code maxLength} bytes. */
  public byte[] readBytes(int maxLength) throws CborException {
    int at = in.pos;
    if (peekMajorType() != 2) {
      throw in.unexpected("a byte string", at);
    }
    int n = in.length(at, maxLength, "byte string");
    in.need(n);
    byte[] out = Arrays.copyOfRange(in.data, in.pos, in.pos + n);
    in.pos += n;
    return out;
  }

  /** Reads a definite-length byte string of exactly {@code length} bytes; {@code what} names it in the message. */
  public byte[] readBytesExactly(int length, String what) throws CborException {
    int at = in.pos;
    if (peekMajorType() != 2) {
      throw CborException.malformed("expected " + what + " (a byte string of " + length + " bytes) at byte " + at
          + ", found " + CborInput.describe(in.data[in.pos] & 0xff));
    }
    long n = in.argument(at);
    if (n != length) {
      throw CborException.malformed(what + ": expected a byte string of " + length + " bytes, found one of " + n
          + " bytes (byte " + at + ")");
    }
    if (length > in.end - in.pos) {
      throw CborException.truncated(what + ": expected " + length + " bytes, the data ends after " + (in.end - in.pos)
          + " (truncated)");
    }
    byte[] out = Arrays.copyOfRange(in.data, in.pos, in.pos + length);
    in.pos += length;
    return out;
  }

  /** Reads a definite-length UTF-8 text string of at most {@code maxLength} bytes. */
  public String readText(int maxLength) throws CborException {
    int at = in.pos;
    if (peekMajorType() != 3) {
      throw in.unexpected("a text string", at);
    }
    int n = in.length(at, maxLength, "text string");
    in.need(n);
    try {
      String s = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(in.data, in.pos, n))
          .toString();
      in.pos += n;
      return s;
    } catch (CharacterCodingException e) {
      throw CborException.malformed("text string at byte " + at + " is not valid UTF-8");
    }
  }

  /** Reads the head of a definite-length array and returns its size. */
  public int readArrayHeader() throws CborException {
    int n = readArrayHeaderOrIndefinite();
    if (n == INDEFINITE) {
      throw CborInput.indefinite(in.pos - 1);
    }
    return n;
  }

  /** Reads an array head and checks its size is exactly {@code size}; {@code what} names it in the message. */
  public void readArrayHeader(int size, String what) throws CborException {
    int at = in.pos;
    int n = readArrayHeader();
    if (n != size) {
      throw CborException.malformed(what + " must be an array of " + size + ", was an array of " + n + " (byte "
          + at + ")");
    }
  }

  /**
   * Reads the head of an array of either form.
   *
   * @return its size, or {@link #INDEFINITE}: read items while {@link #hasNext(int, int)} says so
   */
  public int readArrayHeaderOrIndefinite() throws CborException {
    int at = in.pos;
    if (peekMajorType() != 4) {
      throw in.unexpected("an array", at);
    }
    if ((in.data[in.pos] & 0x1f) == 31) {
      in.pos++;
      return INDEFINITE;
    }
    // Each item takes at least one byte; a size above the bytes left shows when the items run out.
    return in.length(at, Integer.MAX_VALUE, "array");
  }

  /** Reads the head of a definite-length map and returns its number of pairs. */
  public int readMapHeader() throws CborException {
    int n = readMapHeaderOrIndefinite();
    if (n == INDEFINITE) {
      throw CborInput.indefinite(in.pos - 1);
    }
    return n;
  }

  /**
   * Reads the head of a map of either form.
   *
   * @return its number of pairs, or {@link #INDEFINITE}: read pairs while {@link #hasNext(int, int)} says so
   */
  public int readMapHeaderOrIndefinite() throws CborException {
    int at = in.pos;
    if (peekMajorType() != 5) {
      throw in.unexpected("a map", at);
    }
    if ((in.data[in.pos] & 0x1f) == 31) {
      in.pos++;
      return INDEFINITE;
    }
    return in.length(at, Integer.MAX_VALUE, "map");
  }

  /**
   * Whether the container whose head returned {@code size} has an entry number {@code index}; for an indefinite
   * container, consumes the break that ends it.
   *
   * <pre>{@code
   * int n = r.readArrayHeaderOrIndefinite();
   * for (int i = 0; r.hasNext(n, i); i++) { ... }
   * }</pre>
   */
  public boolean hasNext(int size, int index) throws CborException {
    if (size != INDEFINITE) {
      return index < size;
    }
    in.need(1);
    if ((in.data[in.pos] & 0xff) == CborInput.BREAK) {
      in.pos++;
      return false;
    }
    return true;
  }

  /** Reads a tag head (major type 6) and returns the tag number; the tagged item follows. */
  public long readTag() throws CborException {
    int at = in.pos;
    if (peekMajorType() != 6) {
      throw in.unexpected("a tag", at);
    }
    return in.argument(at);
  }

  /** Reads {@code true} or {@code false}. */
  public boolean readBool() throws CborException {
    in.need(1);
    int b = in.data[in.pos] & 0xff;
    if (b == 0xf4 || b == 0xf5) {
      in.pos++;
      return b == 0xf5;
    }
    throw in.unexpected("a boolean", in.pos);
  }

  /** Reads {@code null}. */
  public void readNull() throws CborException {
    if (!peekNull()) {
      throw in.unexpected("null", in.pos);
    }
    in.pos++;
  }

  /** Reads the next complete item of any type and returns its encoded bytes (for CBOR carried inside a message). */
  public byte[] readRaw() throws CborException {
    int start = in.pos;
    skip();
    return Arrays.copyOfRange(in.data, start, in.pos);
  }

  /** Skips one complete item of any type, following nested arrays, maps, tags and indefinite lengths. */
  public void skip() throws CborException {
    CborSkipper.skip(in, 0);
  }

  /**
   * The length of the complete CBOR item at the start of {@code data[offset..end)}.
   *
   * @throws CborException with {@code incomplete()} true if the bytes end inside the item
   */
  public static int itemLength(byte[] data, int offset, int end) throws CborException {
    CborReader r = new CborReader(data, offset, end);
    r.skip();
    return r.in.pos - offset;
  }
}
