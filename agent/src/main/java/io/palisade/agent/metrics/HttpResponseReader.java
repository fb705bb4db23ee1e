package io.palisade.agent.metrics;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Locale;

/**
 * Reads one HTTP/1.x response from a scrape's connection, every read under the scrape's deadline and within the size
 * limits of status line plus headers and of the body (fixed length, chunked, or until close). The scraper
 * ({@link MetricsScraper}) keeps the connection, the pace and the request; this class only reads.
 */
final class HttpResponseReader {
  /**
   * The status line and the headers that matter.
   *
   * @param code the status code
   * @param reason the reason phrase, made printable and cut to 80 characters (null when absent)
   * @param keepAlive whether the connection stays open after the body (HTTP/1.1, or Connection: keep-alive)
   * @param contentLength the Content-Length, or -1
   * @param chunked whether the body is chunked
   */
  record Head(int code, String reason, boolean keepAlive, long contentLength, boolean chunked) {
    /** Whether the body runs until the connection closes (neither chunked nor of a stated length). */
    boolean untilClose() {
      return !chunked && contentLength < 0;
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final long deadline;
  private final int maxHeadBytes;
  private final int maxBodyBytes;

  HttpResponseReader(Socket socket, InputStream in, long deadline, int maxHeadBytes, int maxBodyBytes) {
    this.socket = socket;
    this.in = in;
    this.deadline = deadline;
    this.maxHeadBytes = maxHeadBytes;
    this.maxBodyBytes = maxBodyBytes;
  }

  /**
   * Reads the status line and the headers.
   *
   * @throws StaleConnectionException if the connection was closed before the first byte
   */
  Head head() throws IOException {
    int[] headBudget = {maxHeadBytes};
    String status = readLine(headBudget, true);
    String[] parts = status.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP/1.x response: \"" + printable(status) + "\"");
    }
    int code;
    try {
      code = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new IOException("bad HTTP status line: \"" + printable(status) + "\"");
    }
    boolean keepAlive = parts[0].equals("HTTP/1.1");
    long contentLength = -1;
    boolean chunked = false;
    while (true) {
      String header = readLine(headBudget, false);
      if (header.isEmpty()) {
        break;
      }
      int colon = header.indexOf(':');
      if (colon <= 0) {
        throw new IOException("bad HTTP header line: \"" + printable(header) + "\"");
      }
      String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = header.substring(colon + 1).trim();
      switch (name) {
        case "content-length" -> {
          try {
            contentLength = Long.parseLong(value);
          } catch (NumberFormatException e) {
            throw new IOException("bad Content-Length: \"" + printable(value) + "\"");
          }
          if (contentLength < 0) {
            throw new IOException("bad Content-Length: " + contentLength);
          }
        }
        case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        case "connection" -> {
          String v = value.toLowerCase(Locale.ROOT);
          if (v.contains("close")) {
            keepAlive = false;
          } else if (v.contains("keep-alive")) {
            keepAlive = true;
          }
        }
        default -> {
          // Other headers do not matter here.
        }
      }
    }
    return new Head(code, parts.length > 2 ? printable(parts[2]) : null, keepAlive, contentLength, chunked);
  }

  /** Reads the body {@code head} announces, within the limit. */
  byte[] body(Head head) throws IOException {
    if (head.chunked()) {
      return readChunked();
    }
    if (head.contentLength() >= 0) {
      if (head.contentLength() > maxBodyBytes) {
        throw new IOException("response of " + head.contentLength() + " bytes is over the limit of " + maxBodyBytes);
      }
      return readExactly((int) head.contentLength());
    }
    return readToEnd();
  }

  private byte[] readChunked() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    int[] budget = {maxHeadBytes};
    while (true) {
      String line = readLine(budget, false);
      int semi = line.indexOf(';');
      String hex = (semi >= 0 ? line.substring(0, semi) : line).trim();
      long size;
      try {
        size = Long.parseLong(hex, 16);
      } catch (NumberFormatException e) {
        throw new IOException("bad chunk size: \"" + printable(line) + "\"");
      }
      if (size < 0 || body.size() + size > maxBodyBytes) {
        throw new IOException("chunked response is over the limit of " + maxBodyBytes + " bytes");
      }
      if (size == 0) {
        while (!readLine(budget, false).isEmpty()) {
          // Trailers carry nothing needed.
        }
        return body.toByteArray();
      }
      body.write(readExactly((int) size));
      if (!readLine(budget, false).isEmpty()) {
        throw new IOException("chunk not followed by CRLF");
      }
      budget[0] = maxHeadBytes;
    }
  }

  private byte[] readExactly(int n) throws IOException {
    byte[] buf = new byte[n];
    int read = 0;
    while (read < n) {
      arm();
      int r = in.read(buf, read, n - read);
      if (r < 0) {
        throw new EOFException("the endpoint closed the connection after " + read + " of " + n + " bytes");
      }
      read += r;
    }
    return buf;
  }

  private byte[] readToEnd() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    while (true) {
      arm();
      int r = in.read(buf);
      if (r < 0) {
        return body.toByteArray();
      }
      if (body.size() + r > maxBodyBytes) {
        throw new IOException("response is over the limit of " + maxBodyBytes + " bytes");
      }
      body.write(buf, 0, r);
    }
  }

  /** Reads a CRLF- (or LF-) terminated ASCII line. At the start of a response, EOF means a stale connection. */
  private String readLine(int[] budget, boolean firstOfResponse) throws IOException {
    StringBuilder line = new StringBuilder();
    while (true) {
      arm();
      int b;
      try {
        b = in.read();
      } catch (IOException e) {
        if (firstOfResponse && line.length() == 0 && !(e instanceof SocketTimeoutException)) {
          throw new StaleConnectionException();
        }
        throw e;
      }
      if (b < 0) {
        if (firstOfResponse && line.length() == 0) {
          throw new StaleConnectionException();
        }
        throw new EOFException("the endpoint closed the connection in the middle of the response headers");
      }
      if (--budget[0] < 0) {
        throw new IOException("response headers are over the limit of " + maxHeadBytes + " bytes");
      }
      if (b == '\n') {
        int len = line.length();
        if (len > 0 && line.charAt(len - 1) == '\r') {
          line.setLength(len - 1);
        }
        return line.toString();
      }
      line.append((char) b);
    }
  }

  private void arm() throws IOException {
    socket.setSoTimeout(remainingMillis(deadline));
  }

  /** Milliseconds left before {@code deadline} (a {@link System#nanoTime} value), at least 1. */
  static int remainingMillis(long deadline) throws SocketTimeoutException {
    long ms = (deadline - System.nanoTime()) / 1_000_000;
    if (ms <= 0) {
      throw new SocketTimeoutException("scrape deadline passed");
    }
    return (int) Math.min(Integer.MAX_VALUE, ms);
  }

  private static String printable(String s) {
    String cut = s.length() > 80 ? s.substring(0, 80) + "..." : s;
    return cut.replaceAll("[^\\x20-\\x7e]", "?");
  }

  /** A reused connection that turned out to be closed before any response byte. */
  static final class StaleConnectionException extends IOException {
    private static final long serialVersionUID = 1L;

    StaleConnectionException() {
      super("stale keep-alive connection");
    }
  }
}
