package io.palisade.console.shell;

import io.palisade.console.ConsoleException;
import io.palisade.console.audit.AuditLog;
import io.palisade.console.audit.AuditRecord;
import io.palisade.console.audit.AuditWriteException;
import io.palisade.gateway.PoolGateway;
import io.palisade.gateway.ShellSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A shell into a node whose every line typed and every chunk printed is written to the audit log before it is passed
 * on (strict recording, as Teleport's strict mode): if the opening entry cannot be written the shell is never opened,
 * and if any later entry cannot be written the shell is closed at once.
 */
public final class RecordedShell implements AutoCloseable {
  /** Largest input accepted in one message. */
  public static final int MAX_INPUT = 4_096;

  private static final int CHUNK = 2_048;

  private final AuditLog audit;
  private final String username;
  private final String node;
  private final String id;
  private final ShellSession shell;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile String closeReason = "closed by the operator";

  private RecordedShell(AuditLog audit, String username, String node, String id, ShellSession shell) {
    this.audit = audit;
    this.username = username;
    this.node = node;
    this.id = id;
    this.shell = shell;
  }

  /**
   * Records the opening, then opens the shell through the gateway.
   *
   * @param audit the audit log
   * @param gateway the pool
   * @param username the operator (already stepped up)
   * @param node the node
   * @param from the client's address
   * @param random for the session id
   * @return the open, recorded shell
   * @throws AuditWriteException when the opening could not be recorded (the shell was not opened)
   * @throws ConsoleException when the gateway could not open the shell (recorded)
   */
  public static RecordedShell open(AuditLog audit, PoolGateway gateway, String username, String node, String from,
      SecureRandom random) {
    byte[] b = new byte[6];
    random.nextBytes(b);
    String id = HexFormat.of().formatHex(b);
    audit.append(AuditRecord.of(username, "shell.opened", node + "/" + id, "shell into " + node + " from " + from
        + "; input and output are recorded"));
    ShellSession shell;
    try {
      shell = gateway.openShell(node);
    } catch (IOException | RuntimeException e) {
      audit.append(AuditRecord.of(username, "shell.failed", node + "/" + id, "the shell could not be opened: " + e));
      throw new ConsoleException("the shell into " + node + " could not be opened: " + e.getMessage(), e);
    }
    return new RecordedShell(audit, username, node, id, shell);
  }

  /** The session's id in the audit log ({@code node/hex}). */
  public String subject() {
    return node + "/" + id;
  }

  /**
   * Records a line typed, then sends it to the shell.
   *
   * @param text what was typed (a newline is added if missing)
   * @throws AuditWriteException when it could not be recorded (the shell is closed; nothing was sent)
   * @throws IOException when the shell is gone
   */
  public void input(String text) throws IOException {
    if (closed.get()) {
      throw new IOException("the shell is closed");
    }
    String line = text.length() > MAX_INPUT ? text.substring(0, MAX_INPUT) : text;
    if (!line.endsWith("\n")) {
      line = line + "\n";
    }
    try {
      audit.append(AuditRecord.of(username, "shell.input", subject(), line));
    } catch (AuditWriteException e) {
      closeReason = "recording failed: " + e.getMessage();
      close();
      throw e;
    }
    shell.input().write(line.getBytes(StandardCharsets.UTF_8));
    shell.input().flush();
  }

  /**
   * Pumps the shell's output until it ends: each chunk is recorded, then handed to {@code sink}. Runs on the
   * caller's thread; returns when the shell exits, is closed, or a chunk cannot be recorded (then it closes).
   *
   * @param sink receives recorded output, in order
   */
  public void pumpOutput(Consumer<String> sink) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE);
    ByteBuffer bytes = ByteBuffer.allocate(CHUNK + 8);
    CharBuffer chars = CharBuffer.allocate(CHUNK + 8);
    byte[] buf = new byte[CHUNK];
    InputStream out = shell.output();
    try {
      int n;
      while (!closed.get() && (n = out.read(buf)) > 0) {
        bytes.put(buf, 0, n);
        bytes.flip();
        decoder.decode(bytes, chars, false); // an incomplete UTF-8 sequence waits for the next read
        bytes.compact();
        chars.flip();
        String text = chars.toString();
        chars.clear();
        if (text.isEmpty()) {
          continue;
        }
        try {
          audit.append(AuditRecord.of(username, "shell.output", subject(), text));
        } catch (AuditWriteException e) {
          closeReason = "recording failed: " + e.getMessage();
          break;
        }
        sink.accept(text);
      }
    } catch (IOException e) {
      if (!closed.get()) {
        closeReason = "the shell's output failed: " + e.getMessage();
      }
    }
    if (!closed.get()) {
      awaitExit(java.time.Duration.ofSeconds(2));
    }
    if (!closed.get() && shell.exitCode().isPresent()) {
      closeReason = "the shell exited with code " + shell.exitCode().getAsInt();
    } else if (!closed.get() && closeReason.startsWith("closed by")) {
      closeReason = "the shell ended its output";
    }
    close();
  }

  /**
   * The end of a shell's output usually comes a moment before the process is reaped; wait briefly so the audit log
   * records the exit code rather than a vaguer reason.
   */
  private void awaitExit(java.time.Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    while (shell.exitCode().isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Why the session ended (or will end). */
  public String closeReason() {
    return closeReason;
  }

  /**
   * @param reason why the session is being closed (kept if none was set yet)
   */
  public void closeBecause(String reason) {
    if (!closed.get() && closeReason.startsWith("closed by")) {
      closeReason = reason;
    }
    close();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    shell.close();
    try {
      audit.append(AuditRecord.of(username, "shell.closed", subject(), closeReason));
    } catch (AuditWriteException e) {
      // The session is over either way; the missing closing line shows as a session without an end.
    }
  }
}
