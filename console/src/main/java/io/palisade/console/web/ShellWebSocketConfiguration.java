package io.palisade.console.web;

import io.palisade.console.ConsoleServices;
import io.palisade.console.audit.AuditRecord;
import io.palisade.console.audit.AuditWriteException;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * The shell's WebSocket at {@code /shell/ws}: same origin only, and the handshake must spend a one-time ticket bound
 * to the operator and session (Spring Security has already checked the session and its recent second factor).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class ShellWebSocketConfiguration implements WebSocketConfigurer {
  static final String NODE = "palisade.node";
  static final String OPERATOR = "palisade.operator";
  static final String FROM = "palisade.from";

  private final ConsoleServices services;

  ShellWebSocketConfiguration(ConsoleServices services) {
    this.services = services;
  }

  @Override
  public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
    registry.addHandler(new ShellWebSocketHandler(services), "/shell/ws")
        .addInterceptors(new TicketCheck())
        .setAllowedOrigins(SecurityConfiguration.origin(services.publicUrl()));
  }

  @Bean
  ServletServerContainerFactoryBean webSocketContainer() {
    ServletServerContainerFactoryBean c = new ServletServerContainerFactoryBean();
    c.setMaxTextMessageBufferSize(16 * 1024);
    c.setMaxBinaryMessageBufferSize(1024);
    c.setMaxSessionIdleTimeout(30L * 60 * 1000);
    return c;
  }

  private final class TicketCheck implements HandshakeInterceptor {
    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
        Map<String, Object> attributes) {
      if (!(request instanceof ServletServerHttpRequest servlet) || request.getPrincipal() == null) {
        return refused(request, "no signed-in operator");
      }
      var session = servlet.getServletRequest().getSession(false);
      if (session == null) {
        return refused(request, "no session");
      }
      String ticket = servlet.getServletRequest().getParameter("ticket");
      String who = request.getPrincipal().getName();
      return services.tickets().redeem(ticket, who, session.getId()).map(node -> {
        attributes.put(NODE, node);
        attributes.put(OPERATOR, who);
        attributes.put(FROM, servlet.getServletRequest().getRemoteAddr());
        return true;
      }).orElseGet(() -> refused(request, "no valid ticket for " + who + " in this session"));
    }

    /** A refused handshake is audited (within the anonymous budget: anyone can try one). */
    private boolean refused(ServerHttpRequest request, String why) {
      try {
        services.anonymousAudit().append(AuditRecord.of(request.getPrincipal() == null ? "anonymous"
            : request.getPrincipal().getName(), "shell.refused", "", "shell WebSocket handshake refused: " + why
            + "; from " + request.getRemoteAddress()));
      } catch (AuditWriteException e) {
        // refused either way
      }
      return false;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
        Exception exception) {}
  }
}
