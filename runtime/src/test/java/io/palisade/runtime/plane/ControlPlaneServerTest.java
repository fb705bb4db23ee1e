package io.palisade.runtime.plane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.control.ControlEvent;
import io.palisade.control.KeyChanges;
import io.palisade.control.api.ActionResult;
import io.palisade.control.api.HotKeyStatus;
import io.palisade.control.api.PoolService;
import io.palisade.control.api.PoolStatus;
import io.palisade.runtime.local.DataDir;
import io.palisade.spec.NodeVersion;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control plane's HTTP API against hostile and malformed requests, with a recording fake service. */
class ControlPlaneServerTest {
  /** Records what the API asked for. */
  static final class FakeService implements PoolService {
    final List<String> calls = new ArrayList<>();

    @Override
    public PoolStatus status() {
      calls.add("status");
      return new PoolStatus("p", "preview", "/d", java.time.Instant.EPOCH, true, NodeVersion.parse("10.5.3"),
          NodeVersion.parse("10.5.3"), List.of(), null, null, List.of(), List.of(),
          new HotKeyStatus(HotKeyStatus.State.NONE, null, null, null, null, null, null, false, "none"), List.of(),
          List.of(), null);
    }

    @Override
    public List<ControlEvent> events(int limit) {
      calls.add("events " + limit);
      return List.of();
    }

    @Override
    public ActionResult upgrade(NodeVersion version, boolean retry, boolean allowDowngrade) {
      calls.add("upgrade " + version + " " + retry + (allowDowngrade ? " allowing a downgrade" : ""));
      return version.toString().equals("9.9.9") ? new ActionResult(false, "refused", null)
          : new ActionResult(true, "ok", null);
    }

    @Override
    public ActionResult addRelay(String region) {
      calls.add("relay " + region);
      if (region.isEmpty()) {
        throw new IllegalArgumentException("region must be given");
      }
      return new ActionResult(true, "ok", "relay-" + region + "-1");
    }

    @Override
    public ActionResult restartNode(String node) {
      throw new NoSuchElementException("no node named " + node);
    }

    @Override
    public ActionResult removeNode(String node, boolean relayOnly) {
      calls.add("remove " + node + " " + relayOnly);
      return node.equals("block-producer") ? new ActionResult(false, "refused", node)
          : new ActionResult(true, "ok", node);
    }

    @Override
    public ActionResult deleteVolume(String node) {
      calls.add("delete-volume " + node);
      return new ActionResult(true, "ok", node);
    }

    @Override
    public ActionResult deletePool() {
      calls.add("delete-pool");
      return new ActionResult(true, "ok", null);
    }

    @Override
    public ActionResult rotateKeys(KeyChanges.Key key, String passphraseFile) {
      calls.add("rotate " + key + " " + passphraseFile);
      return new ActionResult(true, "ok", null);
    }

    @Override
    public ActionResult revokeKeys(KeyChanges.Key key, String reason) {
      calls.add("revoke " + key + " " + reason);
      return new ActionResult(true, "ok", null);
    }

    @Override
    public ActionResult shutdown() {
      return new ActionResult(true, "bye", null);
    }
  }

  final FakeService service = new FakeService();
  final AccessToken token = AccessToken.generate();
  final HttpClient http = HttpClient.newHttpClient();
  ControlPlaneServer server;
  String bearer;

  @TempDir Path dir;

  @BeforeEach
  void start() throws IOException {
    server = ControlPlaneServer.start(0, service, token);
    token.write(dir.resolve("token"));
    bearer = "Bearer " + Files.readString(dir.resolve("token"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  HttpResponse<String> send(String method, String path, String body, String auth) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path));
    if (auth != null) {
      b.header("Authorization", auth);
    }
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void everyPath_needsTheToken() throws Exception {
    for (String path : List.of("/v1/status", "/v1/events", "/v1/upgrade", "/v1/shutdown", "/nope")) {
      assertThat(send("GET", path, null, null).statusCode()).isEqualTo(401);
      assertThat(send("GET", path, null, "Bearer " + "a".repeat(64)).statusCode()).isEqualTo(401);
      assertThat(send("GET", path, null, "Basic xyz").statusCode()).isEqualTo(401);
    }
    assertThat(service.calls).isEmpty();
    assertThat(token.toString()).doesNotContainPattern("[0-9a-f]{16}");
  }

  @Test
  void actions_mapToStatusCodes() throws Exception {
    assertThat(send("GET", "/v1/status", null, bearer).statusCode()).isEqualTo(200);
    assertThat(send("POST", "/v1/upgrade", "{\"version\": \"10.6.0\"}", bearer).statusCode()).isEqualTo(202);
    assertThat(send("POST", "/v1/upgrade", "{\"version\": \"9.9.9\", \"retry\": true, \"allowDowngrade\": true}", bearer).statusCode())
        .isEqualTo(409);
    HttpResponse<String> relay = send("POST", "/v1/relays", "{\"region\": \"eu\"}", bearer);
    assertThat(relay.statusCode()).isEqualTo(202);
    assertThat(relay.body()).contains("relay-eu-1");
    assertThat(send("POST", "/v1/nodes/x/restart", null, bearer).statusCode()).isEqualTo(404);
    assertThat(send("GET", "/v1/events?limit=5", null, bearer).statusCode()).isEqualTo(200);
    assertThat(service.calls).containsExactly("status", "upgrade 10.6.0 false", "upgrade 9.9.9 true allowing a downgrade", "relay eu",
        "events 5");
  }

  @Test
  void destructiveActions_reachTheService_andHostileOnesChangeNothing() throws Exception {
    assertThat(send("POST", "/v1/nodes/relay-a-0/remove", "{\"relayOnly\": true}", bearer).statusCode())
        .isEqualTo(202);
    assertThat(send("POST", "/v1/nodes/block-producer/remove", "{}", bearer).statusCode()).isEqualTo(409);
    assertThat(send("POST", "/v1/nodes/relay-a-0/delete-volume", null, bearer).statusCode()).isEqualTo(202);
    assertThat(send("POST", "/v1/keys/rotate", "{\"key\": \"KES\", \"passphraseFile\": \"/run/p\"}", bearer)
        .statusCode()).isEqualTo(202);
    assertThat(send("POST", "/v1/keys/revoke", "{\"key\": \"VRF\", \"reason\": \"lost laptop\"}", bearer)
        .statusCode()).isEqualTo(202);
    assertThat(send("POST", "/v1/pool/delete", null, bearer).statusCode()).isEqualTo(202);
    int before = service.calls.size();
    assertThat(send("POST", "/v1/keys/rotate", "{\"key\": \"ROOT\"}", bearer).statusCode()).isEqualTo(400);
    assertThat(send("POST", "/v1/keys/rotate", "{}", bearer).statusCode()).isEqualTo(400);
    assertThat(send("POST", "/v1/keys/revoke", "{\"key\": \"KES\", \"reason\": \"a\\nb\"}", bearer).statusCode())
        .isEqualTo(400);
    assertThat(send("POST", "/v1/keys/revoke", "{\"key\": \"KES\", \"reason\": \"" + "x".repeat(201) + "\"}",
        bearer).statusCode()).isEqualTo(400);
    assertThat(send("POST", "/v1/nodes/relay-a-0/remove", "not json", bearer).statusCode()).isEqualTo(400);
    assertThat(send("POST", "/v1/nodes/relay-a-0/explode", null, bearer).statusCode()).isEqualTo(404);
    assertThat(send("POST", "/v1/nodes//remove", "{}", bearer).statusCode()).isEqualTo(404);
    assertThat(send("GET", "/v1/pool/delete", null, bearer).statusCode()).isEqualTo(405);
    assertThat(send("DELETE", "/v1/nodes/relay-a-0/remove", null, bearer).statusCode()).isEqualTo(405);
    assertThat(service.calls).hasSize(before);
    assertThat(service.calls).containsExactly("remove relay-a-0 true", "remove block-producer false",
        "delete-volume relay-a-0", "rotate KES /run/p", "revoke VRF lost laptop", "delete-pool");
  }

  @Test
  void malformedAndHostileInput_getsA4xxAndChangesNothing() throws Exception {
    assertThat(send("POST", "/v1/upgrade", "{\"version\": \"ten\"}", bearer).statusCode()).isEqualTo(400);
    assertThat(send("POST", "/v1/upgrade", "not json", bearer).statusCode()).isEqualTo(400);
    assertThat(send("POST", "/v1/upgrade", "[1,2]", bearer).statusCode()).isEqualTo(400);
    assertThat(send("POST", "/v1/upgrade", "{\"version\": \"10.6.0\", \"version\": \"10.7.0\"}", bearer).statusCode())
        .isEqualTo(400);
    assertThat(send("POST", "/v1/upgrade", "[".repeat(10_000), bearer).statusCode()).isEqualTo(400);
    assertThat(send("POST", "/v1/upgrade", "{\"version\": \"" + "1".repeat(20_000) + "\"}", bearer).statusCode())
        .isEqualTo(400);
    assertThat(send("POST", "/v1/relays", "{}", bearer).statusCode()).isEqualTo(400);
    assertThat(send("DELETE", "/v1/status", null, bearer).statusCode()).isEqualTo(405);
    assertThat(send("GET", "/v1/upgrade", null, bearer).statusCode()).isEqualTo(405);
    assertThat(send("GET", "/v1/events?limit=lots", null, bearer).statusCode()).isEqualTo(400);
    assertThat(send("GET", "/v2/status", null, bearer).statusCode()).isEqualTo(404);
    assertThat(service.calls).containsExactly("relay ");
  }

  @Test
  void aBodyJacksonTakesForAnUnsupportedUcs4Order_isA400() throws Exception {
    // 00 00 FF FE: Jackson's encoding guess throws a CharConversionException, which is no JacksonException.
    HttpRequest r = HttpRequest.newBuilder(URI.create(server.url() + "/v1/upgrade")).header("Authorization", bearer)
        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {0, 0, (byte) 0xFF, (byte) 0xFE, '{', '}'})).build();
    HttpResponse<String> answer = http.send(r, HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.body()).contains("not JSON");
    assertThat(service.calls).isEmpty();
  }

  @Property(tries = 30)
  void anyBody_isAnsweredWithoutA5xx(@ForAll String body) throws Exception {
    // jqwik runs no JUnit lifecycle: a server of its own per try.
    AccessToken t = AccessToken.generate();
    try (ControlPlaneServer s = ControlPlaneServer.start(0, new FakeService(), t)) {
      HttpRequest r = HttpRequest.newBuilder(URI.create(s.url() + "/v1/upgrade")).header("Authorization", t.bearer())
          .POST(HttpRequest.BodyPublishers.ofString(body)).build();
      assertThat(HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString()).statusCode())
          .isIn(202, 400, 409);
    }
  }

  @Test
  void tokenFile_thatOthersCanRead_isRefused() throws Exception {
    Path f = dir.resolve("open-token");
    Files.writeString(f, "a".repeat(64));
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> AccessToken.read(f)).hasMessageContaining("must be 0600");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
    assertThat(AccessToken.read(f).matches("Bearer " + "a".repeat(64))).isTrue();
    Files.writeString(f, "short");
    assertThatThrownBy(() -> AccessToken.read(f)).hasMessageContaining("64 hex");
  }

  @Test
  void client_withoutARunningControlPlane_isUnavailable() throws Exception {
    assertThatThrownBy(() -> ControlPlaneClient.connect(new DataDir(dir.resolve("nothing"))))
        .isInstanceOf(ControlPlaneClient.UnavailableException.class).hasMessageContaining("palisade up");
  }
}
