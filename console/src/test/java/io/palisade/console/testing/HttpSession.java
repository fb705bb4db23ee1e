package io.palisade.console.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A scripted browser session over plain HTTP: keeps the session cookie (the JDK's cookie handler would not send a
 * Secure cookie over http://localhost), reads CSRF tokens from pages, never follows redirects.
 */
public final class HttpSession {
  private static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]*)\"");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER).build();
  private final URI base;
  private final Map<String, String> cookies = new LinkedHashMap<>();
  private String csrf = "";

  /** @param base the console's URL */
  public HttpSession(URI base) {
    this.base = base;
  }

  /** @return the current session id, or empty */
  public String sessionId() {
    return cookies.getOrDefault("PALISADE_SESSION", "");
  }

  /** @return the cookie header value */
  public String cookieHeader() {
    return cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "));
  }

  /** @return the CSRF token last seen on a page */
  public String csrf() {
    return csrf;
  }

  /** @param path a path @return the response */
  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET());
  }

  /**
   * @param path a path
   * @param form form fields (the CSRF token is added when {@code withCsrf})
   * @param withCsrf whether to send the token
   * @return the response
   */
  public HttpResponse<String> post(String path, Map<String, String> form, boolean withCsrf) {
    Map<String, String> fields = new LinkedHashMap<>(form);
    if (withCsrf) {
      fields.put("_csrf", csrf);
    }
    String body = fields.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return send(HttpRequest.newBuilder(base.resolve(path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /**
   * @param path a path
   * @param method an HTTP method
   * @return the response (the CSRF token is sent as a header)
   */
  public HttpResponse<String> method(String path, String method) {
    return send(HttpRequest.newBuilder(base.resolve(path)).header("X-CSRF-TOKEN", csrf)
        .method(method, HttpRequest.BodyPublishers.noBody()));
  }

  private HttpResponse<String> send(HttpRequest.Builder b) {
    if (!cookies.isEmpty()) {
      b.header("Cookie", cookieHeader());
    }
    try {
      HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(20)).build(),
          HttpResponse.BodyHandlers.ofString());
      for (String c : r.headers().allValues("set-cookie")) {
        String pair = c.split(";", 2)[0];
        int eq = pair.indexOf('=');
        cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
      }
      Matcher m = CSRF_INPUT.matcher(r.body());
      if (m.find()) {
        csrf = m.group(1);
      } else {
        Matcher meta = CSRF_META.matcher(r.body());
        if (meta.find() && !meta.group(1).isEmpty()) {
          csrf = meta.group(1);
        }
      }
      return r;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** @param r a response @return its Location header, or empty */
  public static String location(HttpResponse<?> r) {
    return r.headers().firstValue("location").orElse("");
  }
}
