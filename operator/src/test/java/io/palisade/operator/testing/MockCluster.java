package io.palisade.operator.testing;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.palisade.operator.model.StakePool;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * fabric8's CRUD mock API server on loopback, with the StakePool CRD installed and status subresources for
 * StatefulSets and pods (so a spec update keeps the status, as on a real API server). It has no controllers: pair it
 * with {@link FakeStatefulSetController}.
 *
 * <p>Whatever writes to it or watches it (a fake controller, an operator, a watch) is {@link #track tracked} and
 * closed by {@link #close()}, in the order tracked, before the client and the server; the server is destroyed only
 * once it has no watch open. (The mock sends watch events from its own threads and blocks its event loop while a
 * watch that is being sent to closes: a writer still running, or a watch left open, made destroying it fail with
 * "Unable to close MockWebServer".) Track writers before watchers: a fake controller before an operator.
 */
public final class MockCluster implements AutoCloseable {
  /**
   * How long the mock server can stall after a client closes a watch while an event is being sent on it: fabric8's
   * {@code WatchEventsListener.onClosed} (7.9.0) waits up to one minute, on the server's only event loop, for the
   * watch's sender executor, whose send needs that event loop — so every request to the mock waits until that minute
   * is out (seen as "vert.x-eventloop-thread-0 has been blocked" in the log). A test that stops an operator while it
   * works (its informers' watches close mid-event) must wait this much longer for what the next operator does.
   */
  public static final java.time.Duration WATCH_CLOSE_STALL = java.time.Duration.ofMinutes(1);

  /** The mock server logs every request at INFO through java.util.logging; kept referenced so the level sticks. */
  private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  static {
    MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
  }

  /** How long closing waits for the server to see every watch closed. */
  private static final Duration WATCHES_CLOSE = Duration.ofSeconds(60);

  private final KubernetesCrudDispatcher dispatcher;
  private final KubernetesMockServer server;
  private final NamespacedKubernetesClient client;
  private final List<AutoCloseable> tracked = new ArrayList<>();
  /** What a container log request gets (the CRUD dispatcher has no logs); none: 404. */
  private volatile Function<RecordedRequest, MockResponse> logs = r -> new MockResponse().setResponseCode(404);

  /** Starts a server and installs the CRD. */
  public MockCluster() {
    dispatcher = new KubernetesCrudDispatcher(List.of(
        new CustomResourceDefinitionContext.Builder().withGroup("apps").withVersion("v1").withPlural("statefulsets")
            .withKind("StatefulSet").withScope("Namespaced").withStatusSubresource(true).build(),
        new CustomResourceDefinitionContext.Builder().withGroup("").withVersion("v1").withPlural("pods")
            .withKind("Pod").withScope("Namespaced").withStatusSubresource(true).build()));
    // Container logs (GET .../pods/NAME/log) beside CRUD: served by the test's function, everything else by CRUD.
    Dispatcher withLogs = new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String path = request.getPath() == null ? "" : request.getPath();
        String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        return "GET".equals(request.getMethod()) && bare.matches("/api/v1/namespaces/[^/]+/pods/[^/]+/log")
            ? logs.apply(request) : dispatcher.dispatch(request);
      }

      @Override
      public void shutdown() {
        dispatcher.shutdown();
      }
    };
    server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), new HashMap<>(),
        withLogs, false);
    server.init();
    client = server.createClient();
    // createOr(update): when an earlier test's closed watch stalls the mock's event loop (WATCH_CLOSE_STALL), the
    // client times out and sends its POST again after the first was applied; the second then meets a 409.
    client.resource(crd()).createOr(io.fabric8.kubernetes.client.dsl.NonDeletingOperation::update);
  }

  /** The generated StakePool CRD. */
  public static CustomResourceDefinition crd() {
    try (InputStream in = StakePool.class.getResourceAsStream(StakePool.CRD_RESOURCE)) {
      return Serialization.unmarshal(in, CustomResourceDefinition.class);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Serves container logs ({@code GET /api/v1/namespaces/NS/pods/NAME/log?container=...}) with {@code f}: the CRUD
   * server has none, a real API server reads them from the kubelet.
   *
   * @param f the response to each log request (its path carries the pod, container and query)
   */
  public void serveLogs(Function<RecordedRequest, MockResponse> f) {
    logs = f;
  }

  /** A client of the server. */
  public NamespacedKubernetesClient client() {
    return client;
  }

  /** The server's URL. */
  public String url() {
    return client.getMasterUrl().toString();
  }

  /**
   * Closes {@code resource} when the cluster closes, before the client and the server.
   *
   * @param resource a writer or watcher on this cluster (operator, fake controller, watch, another client)
   * @param <T> its type
   * @return the same resource
   */
  public synchronized <T extends AutoCloseable> T track(T resource) {
    tracked.add(resource);
    return resource;
  }

  /** The watches the server holds open now. */
  public int openWatches() {
    try {
      java.lang.reflect.Field f = KubernetesCrudDispatcher.class.getDeclaredField("watchEventListeners");
      f.setAccessible(true);
      return ((java.util.Collection<?>) f.get(dispatcher)).size();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("this fabric8 version keeps its watches elsewhere; update MockCluster", e);
    }
  }

  /**
   * Closes everything tracked (in order), waits until the server has no watch open, then closes the client and
   * destroys the server.
   *
   * @throws IllegalStateException if something tracked failed to close or a watch stayed open (after closing the
   *     rest all the same)
   */
  @Override
  public void close() {
    RuntimeException failure = null;
    List<AutoCloseable> all;
    synchronized (this) {
      all = new ArrayList<>(tracked);
      tracked.clear();
    }
    for (AutoCloseable r : all) {
      try {
        r.close();
      } catch (Exception e) {
        failure = failure != null ? failure : new IllegalStateException("cannot close " + r + ": " + e, e);
      }
    }
    try {
      Awaitility.await("every watch closed on the mock API server").atMost(WATCHES_CLOSE)
          .pollInterval(Duration.ofMillis(20)).until(() -> openWatches() == 0);
    } catch (ConditionTimeoutException e) {
      failure = failure != null ? failure : new IllegalStateException(openWatches() + " watch(es) still open on the"
          + " mock API server: track every operator, informer and watch (MockCluster.track)", e);
    } finally {
      client.close();
      server.destroy();
    }
    if (failure != null) {
      throw failure;
    }
  }
}
