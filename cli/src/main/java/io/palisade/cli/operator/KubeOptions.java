package io.palisade.cli.operator;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import picocli.CommandLine.Option;

/** Which cluster: the current kubeconfig (KUBECONFIG or ~/.kube/config), optionally another of its contexts. */
public final class KubeOptions {
  @Option(names = "--context", paramLabel = "CONTEXT",
      description = "The kubeconfig context to use (default: the current one).")
  String context;

  /** A client of the chosen cluster; the caller closes it. */
  public KubernetesClient client() {
    return new KubernetesClientBuilder().withConfig(config()).build();
  }

  /** The kubeconfig's settings for the chosen context (for a client with other timeouts). */
  public Config config() {
    return context == null ? Config.autoConfigure(null) : Config.autoConfigure(context);
  }
}
