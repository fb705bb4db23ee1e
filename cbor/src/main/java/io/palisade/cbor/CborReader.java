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

  private static final int BREAK = 0xff;

  private final byte[] data;
  private final int end;
  private int pos;

  /**
   * @param data the bytes (not copied; do not change them while reading)
   * @param offset where the first item starts
   * @param end one past the last byte that may be read
   */
  public CborReader(byte[] data, int offset, int end) {
    if (offset < 0 || end > data.length || offset > end) {
      throw new IllegalArgumentException("bad range " + offset + ".." + end + " of " + data.length + " bytes");
    }
    this.data = data;
    this.pos = offset;
    this.end = end;
  }

  /** Reads from all of {@code data}. */
  public CborReader(byte[] data) {
    this(data, 0, data.length);
  }

  /** The offset of the next unread byte. */
  public int position() {
    return pos;
  }

  /** Whether every byte has been read. */
  public boolean atEnd() {
    return pos >= end;
  }

  /**
   * Fails unless every byte has been read.
   *
   * @param what the item that should have ended, for the message
   * @throws CborException naming how many bytes are left
   */
  public void requireEnd(String what) throws CborException {
    if (pos < end) {
      throw CborException.malformed(what + " has " + (end - pos) + " trailing bytes (byte " + pos + ")");
    }
  }

  /** The major type (0..7) of the next item, without consuming it. */
  public int peekMajorType() throws CborException {
    need(1);
    return (data[pos] & 0xff) >>> 5;
  }

  /** Whether the next byte is {@code null} (0xf6), without consuming it. */
  public boolean peekNull() throws CborException {
    need(1);
    return (data[pos] & 0xff) == 0xf6;
  }

  /** Reads an unsigned integer (major type 0). */
  public long readUint() throws CborException {
    int at = pos;
    int major = peekMajorType();
    if (major != 0) {
      throw unexpected("an unsigned integer", at);
    }
    return argument(at);
  }

  /** Reads an unsigned integer that must lie in {@code [min, max]}; {@code what} names it in the message. */
  public long readUint(long min, long max, String what) throws CborException {
    int at = pos;
    long v = readUint();
    if (v < min || v > max) {
      throw CborException.malformed(what + " must be in " + min + ".." + max + ", was: " + v + " (byte " + at + ")");
    }
    return v;
  }

  /** Reads a signed integer (major type 0 or 1). */
  public long readInt() throws CborException {
    int at = pos;
    int major = peekMajorType();
    if (major == 0) {
      return argument(at);
    }
    if (major == 1) {
      return -1 - argument(at);
    }
    throw unexpected("an integer", at);
  }

  /** Reads a definite-length byte string of at most {@code maxLength} bytes. */
  public byte[] readBytes(int maxLength) throws CborException {
    int at = pos;
    if (peekMajorType() != 2) {
      throw unexpected("a byte string", at);
    }
    int n = length(at, maxLength, "byte string");
    need(n);
    byte[] out = Arrays.copyOfRange(data, pos, pos + n);
    pos += n;
    return out;
  }

  /** Reads a definite-length byte string of exactly {@code length} bytes; {@code what} names it in the message. */
  public byte[] readBytesExactly(int length, String what) throws CborException {
    int at = pos;
    if (peekMajorType() != 2) {
      throw CborException.malformed("expected " + what + " (a byte string of " + length + " bytes) at byte " + at
          + ", found " + describe(data[pos] & 0xff));
    }
    long n = argument(at);
    if (n != length) {
      throw CborException.malformed(what + ": expected a byte string of " + length + " bytes, found one of " + n
          + " bytes (byte " + at + ")");
    }
    if (length > end - pos) {
      throw CborException.truncated(what + ": expected " + length + " bytes, the data ends after " + (end - pos)
          + " (truncated)");
    }
    byte[] out = Arrays.copyOfRange(data, pos, pos + length);
    pos += length;
    return out;
  }

  /** Reads a definite-length UTF-8 text string of at most {@code maxLength} bytes. */
  public String readText(int maxLength) throws CborException {
    int at = pos;
    if (peekMajorType() != 3) {
      throw unexpected("a text string", at);
    }
    int n = length(at, maxLength, "text string");
    need(n);
    try {
      String s = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(data, pos, n))
          .toString();
      pos += n;
      return s;
    } catch (CharacterCodingException e) {
      throw CborException.malformed("text string at byte " + at + " is not valid UTF-8");
    }
  }

  /** Reads the head of a definite-length array and returns its size. */
  public int readArrayHeader() throws CborException {
    int n = readArrayHeaderOrIndefinite();
    if (n == INDEFINITE) {
      throw indefinite(pos - 1);
    }
    return n;
  }

  /** Reads an array head and checks its size is exactly {@code size}; {@code what} names it in the message. */
  public void readArrayHeader(int size, String what) throws CborException {
    int at = pos;
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
    int at = pos;
    if (peekMajorType() != 4) {
      throw unexpected("an array", at);
    }
    if ((data[pos] & 0x1f) == 31) {
      pos++;
      return INDEFINITE;
    }
    // Each item takes at least one byte; a size above the bytes left shows when the items run out.
    return length(at, Integer.MAX_VALUE, "array");
  }

  /** Reads the head of a definite-length map and returns its number of pairs. */
  public int readMapHeader() throws CborException {
    int n = readMapHeaderOrIndefinite();
    if (n == INDEFINITE) {
      throw indefinite(pos - 1);
    }
    return n;
  }

  /**
   * Reads the head of a map of either form.
   *
   * @return its number of pairs, or {@link #INDEFINITE}: read pairs while {@link #hasNext(int, int)} says so
   */
  public int readMapHeaderOrIndefinite() throws CborException {
    int at = pos;
    if (peekMajorType() != 5) {
      throw unexpected("a map", at);
    }
    if ((data[pos] & 0x1f) == 31) {
      pos++;
      return INDEFINITE;
    }
    return length(at, Integer.MAX_VALUE, "map");
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
    need(1);
    if ((data[pos] & 0xff) == BREAK) {
      pos++;
      return false;
    }
    return true;
  }

  /** Reads a tag head (major type 6) and returns the tag number; the tagged item follows. */
  public long readTag() throws CborException {
    int at = pos;
    if (peekMajorType() != 6) {
      throw unexpected("a tag", at);
    }
    return argument(at);
  }

  /** Reads {@code true} or {@code false}. */
  public boolean readBool() throws CborException {
    need(1);
    int b = data[pos] & 0xff;
    if (b == 0xf4 || b == 0xf5) {
      pos++;
      return b == 0xf5;
    }
    throw unexpected("a boolean", pos);
  }

  /** Reads {@code null}. */
  public void readNull() throws CborException {
    if (!peekNull()) {
      throw unexpected("null", pos);
    }
    pos++;
  }

  /** Reads the next complete item of any type and returns its encoded bytes (for CBOR carried inside a message). */
  public byte[] readRaw() throws CborException {
    int start = pos;
    skip();
    return Arrays.copyOfRange(data, start, pos);
  }

  /** Skips one complete item of any type, following nested arrays, maps, tags and indefinite lengths. */
  public void skip() throws CborException {
    skip(0);
  }

  /**
   * The length of the complete CBOR item at the start of {@code data[offset..end)}.
   *
   * @throws CborException with {@code incomplete()} true if the bytes end inside the item
   */
  public static int itemLength(byte[] data, int offset, int end) throws CborException {
    CborReader r = new CborReader(data, offset, end);
    r.skip();
    return r.pos - offset;
  }

  private void skip(int depth) throws CborException {
    if (depth > MAX_DEPTH) {
      throw CborException.malformed("CBOR nested deeper than " + MAX_DEPTH + " levels at byte " + pos);
    }
    int at = pos;
    int major = peekMajorType();
    int info = data[pos] & 0x1f;
    if (info == 31) {
      skipIndefinite(major, at, depth);
      return;
    }
    switch (major) {
      case 0, 1 -> argument(at);
      case 2, 3 -> {
        int n = length(at, Integer.MAX_VALUE, major == 2 ? "byte string" : "text string");
        need(n);
        pos += n;
      }
      case 4 -> {
        int n = length(at, Integer.MAX_VALUE, "array");
        for (int i = 0; i < n; i++) {
          skip(depth + 1);
        }
      }
      case 5 -> {
        int n = length(at, Integer.MAX_VALUE, "map");
        for (int i = 0; i < n; i++) {
          skip(depth + 1);
          skip(depth + 1);
        }
      }
      case 6 -> {
        argument(at);
        skip(depth + 1);
      }
      default -> {
        // Major type 7: simple values and floats; the argument size gives the item size.
        if (info >= 28) {
          throw CborException.malformed("reserved CBOR simple value " + info + " at byte " + at);
        }
        argument(at);
      }
    }
  }

  private void skipIndefinite(int major, int at, int depth) throws CborException {
    switch (major) {
      case 2, 3 -> {
        pos++;
        while (!consumeBreak()) {
          // RFC 8949 3.2.3: the chunks are definite strings of the same major type.
          int chunk = pos;
          if (peekMajorType() != major || (data[pos] & 0x1f) == 31) {
            throw CborException.malformed("indefinite-length string at byte " + at + " has a chunk that is not a"
                + " definite string of its type (byte " + chunk + ")");
          }
          skip(depth + 1);
        }
      }
      case 4, 5 -> {
        pos++;
        while (!consumeBreak()) {
          skip(depth + 1);
          if (major == 5) {
            skip(depth + 1);
          }
        }
      }
      case 7 -> throw CborException.malformed("CBOR break code at byte " + at + " outside an indefinite item");
      default -> throw CborException.malformed("indefinite length is not allowed for " + describe(data[at] & 0xff)
          + " (byte " + at + ")");
    }
  }

  private boolean consumeBreak() throws CborException {
    need(1);
    if ((data[pos] & 0xff) == BREAK) {
      pos++;
      return true;
    }
    return false;
  }

  /** Reads the head at {@code pos} and returns its argument, as an unsigned value that must fit a long. */
  private long argument(int at) throws CborException {
    need(1);
    int info = data[pos] & 0x1f;
    if (info < 24) {
      pos++;
      return info;
    }
    int size = switch (info) {
      case 24 -> 1;
      case 25 -> 2;
      case 26 -> 4;
      case 27 -> 8;
      case 31 -> throw indefinite(at);
      default -> throw CborException.malformed("reserved CBOR additional information " + info + " at byte " + at);
    };
    need(1 + size);
    long v = 0;
    for (int i = 1; i <= size; i++) {
      v = (v << 8) | (data[pos + i] & 0xff);
    }
    if (v < 0) {
      throw CborException.malformed("integer at byte " + at + " does not fit 63 bits");
    }
    pos += 1 + size;
    return v;
  }

  private int length(int at, int max, String what) throws CborException {
    long n = argument(at);
    if (n > max) {
      throw CborException.malformed(what + " at byte " + at + " is " + n + " long, the limit is " + max);
    }
    if (n > end - pos && what.endsWith("string")) {
      // Not allocated: either the rest arrives in later frames or the peer lied; the frame limit decides.
      throw CborException.truncated(at);
    }
    return (int) n;
  }

  private void need(int n) throws CborException {
    if (n > end - pos) {
      throw CborException.truncated(pos);
    }
  }

  private static CborException indefinite(int at) {
    return CborException.malformed("indefinite-length CBOR at byte " + at + " where a definite length is required");
  }

  private CborException unexpected(String expected, int at) throws CborException {
    need(1);
    return CborException.malformed("expected " + expected + " at byte " + at + ", found "
        + describe(data[at] & 0xff));
  }

  private static String describe(int initialByte) {
    return switch (initialByte >>> 5) {
      case 0 -> "an unsigned integer";
      case 1 -> "a negative integer";
      case 2 -> "a byte string";
      case 3 -> "a text string";
      case 4 -> "an array";
      case 5 -> "a map";
      case 6 -> "a tag";
      default -> switch (initialByte) {
        case 0xf4, 0xf5 -> "a boolean";
        case 0xf6 -> "null";
        case 0xff -> "a break code";
        default -> "a simple value or float";
      };
    };
  }
}
