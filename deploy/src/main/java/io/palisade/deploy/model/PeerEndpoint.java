package io.palisade.deploy.model;

/**
 * How one pool node is reached by the others.
 *
 * @param host DNS name or IP address
 * @param port node-to-node port
 */
public record PeerEndpoint(String host, int port) {
  /** Rejects a blank host and ports outside 1..65535. */
  public PeerEndpoint {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("peer host must not be blank");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("peer port must be between 1 and 65535, was: " + port);
    }
  }
}
