package io.palisade.agent.ouroboros;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A pull reader for the CBOR the Ouroboros codecs accept: definite lengths only (the Haskell decoders reject
 * indefinite arrays and maps in these messages), integers up to {@code Long.MAX_VALUE}, nesting at most
 * {@value #MAX_DEPTH} deep. Input comes from a peer and is hostile until proven otherwise: every length is checked
 * against the bytes actually present before anything is allocated, so a header claiming 2^60 bytes costs nothing.
 *
 * <p>Running out of bytes throws a {@link CborException} whose {@link CborException#incomplete()} is true: the caller
 * reads another frame and starts again from the beginning of the message.
 */
public final class CborReader {
  /** Deepest nesting {@link #skip()} follows; real messages nest fewer than ten levels. */
  public static final int MAX_DEPTH = 32;

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

  /** The major type (0..7) of the next item, without consuming it. */
  public int peekMajorType() throws CborException {
    need(1);
    return (data[pos] & 0xff) >>> 5;
  }

  /** Reads an unsigned integer (major type 0). */
  public long readUint() throws CborException {
    int at = pos;
    int major = peekMajorType();
    if (major != 0) {
      throw unexpected("an unsigned integer", major, at);
    }
    return argument(at);
  }

  /** Reads an unsigned integer that must lie in {@code [min, max]}. */
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
    throw unexpected("an integer", major, at);
  }

  /** Reads a byte string of at most {@code maxLength} bytes. */
  public byte[] readBytes(int maxLength) throws CborException {
    int at = pos;
    int major = peekMajorType();
    if (major != 2) {
      throw unexpected("a byte string", major, at);
    }
    int n = length(at, maxLength, "byte string");
    need(n);
    byte[] out = Arrays.copyOfRange(data, pos, pos + n);
    pos += n;
    return out;
  }

  /** Reads a UTF-8 text string of at most {@code maxLength} bytes. */
  public String readText(int maxLength) throws CborException {
    int at = pos;
    int major = peekMajorType();
    if (major != 3) {
      throw unexpected("a text string", major, at);
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
    int at = pos;
    int major = peekMajorType();
    if (major != 4) {
      throw unexpected("an array", major, at);
    }
    // Each item takes at least one byte, so a size above the bytes left is a lie or a truncation.
    return length(at, Integer.MAX_VALUE, "array");
  }

  /** Reads an array head and checks its size is exactly {@code size}. */
  public void readArrayHeader(int size, String what) throws CborException {
    int at = pos;
    int n = readArrayHeader();
    if (n != size) {
      throw CborException.malformed(what + " must be an array of " + size + ", was an array of " + n + " (byte "
          + at + ")");
    }
  }

  /** Reads the head of a definite-length map and returns its number of pairs. */
  public int readMapHeader() throws CborException {
    int at = pos;
    int major = peekMajorType();
    if (major != 5) {
      throw unexpected("a map", major, at);
    }
    return length(at, Integer.MAX_VALUE, "map");
  }

  /** Reads {@code true} or {@code false}. */
  public boolean readBool() throws CborException {
    need(1);
    int b = data[pos] & 0xff;
    if (b == 0xf4 || b == 0xf5) {
      pos++;
      return b == 0xf5;
    }
    throw unexpected("a boolean", b >>> 5, pos);
  }

  /** Skips one complete item of any type, following nested arrays, maps and tags. */
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
      throw indefinite(at);
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
    if (n > end - pos) {
      // Not yet allocated: either the rest arrives in later frames or the peer lied; the frame limit decides.
      if (n > Integer.MAX_VALUE) {
        throw CborException.malformed(what + " at byte " + at + " claims " + n + " entries");
      }
      if (what.endsWith("string")) {
        throw CborException.truncated(at);
      }
    }
    return (int) n;
  }

  private void need(int n) throws CborException {
    if (n > end - pos) {
      throw CborException.truncated(pos);
    }
  }

  private static CborException indefinite(int at) {
    return CborException.malformed("indefinite-length CBOR at byte " + at + " (Ouroboros messages use definite"
        + " lengths)");
  }

  private static CborException unexpected(String expected, int major, int at) {
    return CborException.malformed("expected " + expected + " at byte " + at + ", found " + describe(major));
  }

  private static String describe(int major) {
    return switch (major) {
      case 0 -> "an unsigned integer";
      case 1 -> "a negative integer";
      case 2 -> "a byte string";
      case 3 -> "a text string";
      case 4 -> "an array";
      case 5 -> "a map";
      case 6 -> "a tag";
      default -> "a simple value or float";
    };
  }
}
