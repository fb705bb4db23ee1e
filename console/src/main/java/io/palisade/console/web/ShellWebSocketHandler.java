package io.palisade.console.web;

import io.palisade.console.ConsoleException;
import io.palisade.console.ConsoleServices;
import io.palisade.console.audit.AuditWriteException;
import io.palisade.console.shell.RecordedShell;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * One browser terminal = one {@link RecordedShell}. Text from the browser is a line of input; the shell's output is
 * sent back as text. If recording fails, the session is refused (at open) or closed (later).
 */
final class ShellWebSocketHandler extends TextWebSocketHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ShellWebSocketHandler.class);
  private static final String SHELL = "palisade.shell";
  private static final CloseStatus REFUSED = new CloseStatus(4403, "refused");

  private final ConsoleServices services;

  ShellWebSocketHandler(ConsoleServices services) {
    this.services = services;
  }

  @Override
  public void afterConnectionEstablished(WebSocketSession raw) throws IOException {
    WebSocketSession session = new ConcurrentWebSocketSessionDecorator(raw, 10_000, 512 * 1024);
    String node = (String) raw.getAttributes().get(ShellWebSocketConfiguration.NODE);
    String who = (String) raw.getAttributes().get(ShellWebSocketConfiguration.OPERATOR);
    String from = (String) raw.getAttributes().get(ShellWebSocketConfiguration.FROM);
    RecordedShell shell;
    try {
      shell = RecordedShell.open(services.audit(), services.gateway(), who, node, from, services.random());
    } catch (AuditWriteException e) {
      send(session, "[session refused: the audit log cannot record it]\n");
      session.close(REFUSED);
      return;
    } catch (ConsoleException e) {
      send(session, "[" + e.getMessage() + "]\n");
      session.close(REFUSED);
      return;
    }
    raw.getAttributes().put(SHELL, shell);
    send(session, "[connected to " + node + " as " + who + "; input and output are recorded in the audit log ("
        + shell.subject() + ")]\n");
    Thread pump = new Thread(() -> {
      shell.pumpOutput(text -> send(session, text));
      send(session, "\n[session closed: " + shell.closeReason() + "]\n");
      try {
        session.close(CloseStatus.NORMAL);
      } catch (IOException e) {
        LOG.debug("closing the shell socket: {}", e.toString());
      }
    }, "palisade-shell-" + shell.subject());
    pump.setDaemon(true);
    pump.start();
  }

  @Override
  protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
    RecordedShell shell = (RecordedShell) session.getAttributes().get(SHELL);
    if (shell == null) {
      session.close(REFUSED);
      return;
    }
    try {
      shell.input(message.getPayload());
    } catch (AuditWriteException e) {
      shell.closeBecause("recording failed");
      session.close(new CloseStatus(4500, "recording failed"));
    } catch (IOException e) {
      shell.closeBecause("the shell is gone: " + e.getMessage());
      session.close(CloseStatus.SERVER_ERROR);
    }
  }

  @Override
  public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
    RecordedShell shell = (RecordedShell) session.getAttributes().get(SHELL);
    if (shell != null) {
      shell.closeBecause("the browser closed the terminal");
    }
  }

  private static void send(WebSocketSession session, String text) {
    try {
      if (session.isOpen()) {
        session.sendMessage(new TextMessage(text));
      }
    } catch (IOException | IllegalStateException e) {
      LOG.debug("could not send to the terminal: {}", e.toString());
    }
  }
}
