package io.palisade.operator.testing;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.palisade.operator.model.StakePool;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;

/**
 * fabric8's CRUD mock API server on loopback, with the StakePool CRD installed and status subresources for
 * StatefulSets and pods (so a spec update keeps the status, as on a real API server). It has no controllers: pair it
 * with {@link FakeStatefulSetController}.
 */
public final class MockCluster implements AutoCloseable {
  /** The mock server logs every request at INFO through java.util.logging; kept referenced so the level sticks. */
  private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  static {
    MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
  }

  private final KubernetesMockServer server;
  private final NamespacedKubernetesClient client;

  /** Starts a server and installs the CRD. */
  public MockCluster() {
    var dispatcher = new KubernetesCrudDispatcher(List.of(
        new CustomResourceDefinitionContext.Builder().withGroup("apps").withVersion("v1").withPlural("statefulsets")
            .withKind("StatefulSet").withScope("Namespaced").withStatusSubresource(true).build(),
        new CustomResourceDefinitionContext.Builder().withGroup("").withVersion("v1").withPlural("pods")
            .withKind("Pod").withScope("Namespaced").withStatusSubresource(true).build()));
    server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), new HashMap<>(),
        dispatcher, false);
    server.init();
    client = server.createClient();
    client.resource(crd()).create();
  }

  /** The generated StakePool CRD. */
  public static CustomResourceDefinition crd() {
    try (InputStream in = StakePool.class.getResourceAsStream(StakePool.CRD_RESOURCE)) {
      return Serialization.unmarshal(in, CustomResourceDefinition.class);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A client of the server. */
  public NamespacedKubernetesClient client() {
    return client;
  }

  /** The server's URL. */
  public String url() {
    return client.getMasterUrl().toString();
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
