package io.palisade.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared HTTP limits hold against a client that never finishes its request or floods headers. */
class HttpServersTest {
  HttpServer server;

  @BeforeEach
  void start() throws IOException {
    // An operator's -D wins over the default; 1 s keeps the test short. Only this class makes a server in the JVM.
    System.setProperty("sun.net.httpserver.maxReqTime", "1");
    server = HttpServers.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4, 1, "test-http");
    server.createContext("/", ex -> {
      byte[] ok = "ok".getBytes(StandardCharsets.US_ASCII);
      ex.sendResponseHeaders(200, ok.length);
      ex.getResponseBody().write(ok);
      ex.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    HttpServers.stop(server);
  }

  Socket connect() throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getAddress().getPort());
    // The test's own read deadline: far beyond the server's, so a server that never hangs up fails the test.
    s.setSoTimeout(20_000);
    return s;
  }

  @Test
  void aRequestNeverFinished_isHungUpOn_andTheServerStillAnswers() throws IOException {
    try (Socket slow = connect()) {
      slow.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
      slow.getOutputStream().flush();
      InputStream in = slow.getInputStream();
      int first;
      try {
        first = in.read();
      } catch (SocketTimeoutException e) {
        throw new AssertionError("the server kept a half-sent request open", e);
      } catch (IOException reset) {
        first = -1;
      }
      assertThat(first).as("the server hangs up without answering").isEqualTo(-1);
    }
    assertThat(get("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 200");
  }

  @Test
  void tooManyHeaders_areRefused() throws IOException {
    StringBuilder request = new StringBuilder("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n");
    for (int i = 0; i < HttpServers.MAX_REQUEST_HEADERS + 10; i++) {
      request.append("X-H").append(i).append(": v\r\n");
    }
    String answer = get(request.append("\r\n").toString());
    assertThat(answer).doesNotStartWith("HTTP/1.1 200");
  }

  String get(String request) throws IOException {
    try (Socket s = connect()) {
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      try {
        return new String(s.getInputStream().readNBytes(4096), StandardCharsets.US_ASCII);
      } catch (IOException reset) {
        return "";
      }
    }
  }
}
