package io.palisade.runtime.plane;

import io.palisade.control.ControlEvent;
import io.palisade.control.KeyChanges;
import io.palisade.control.api.ActionResult;
import io.palisade.control.api.PoolService;
import io.palisade.control.api.PoolStatus;
import io.palisade.control.api.PoolUnavailableException;
import io.palisade.runtime.local.DataDir;
import io.palisade.spec.NodeVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The {@link PoolService} of a control plane running in another process, over its loopback API: what a console
 * started with {@code palisade console} uses. It connects afresh for every call (reading the data directory's
 * {@code control-plane.json} and token), so it follows a control plane that stops and starts again.
 *
 * <p>Answers map back to the interface's contract: 202 and 409 are results (accepted or refused), 400 throws
 * {@link IllegalArgumentException}, 404 {@link NoSuchElementException}; no control plane throws
 * {@link PoolUnavailableException}.
 */
public final class RemotePoolService implements PoolService {
  private final Path dataDir;

  /**
   * @param dataDir the runtime's data directory
   */
  public RemotePoolService(Path dataDir) {
    this.dataDir = dataDir;
  }

  private ControlPlaneClient client() {
    if (!java.nio.file.Files.isDirectory(dataDir)) {
      throw new PoolUnavailableException("no control plane runs on " + dataDir + " (no such directory; start one with"
          + " 'palisade up')", null);
    }
    try {
      return ControlPlaneClient.connect(new DataDir(dataDir));
    } catch (ControlPlaneClient.UnavailableException e) {
      throw new PoolUnavailableException(e.getMessage(), e);
    } catch (IOException e) {
      throw new PoolUnavailableException("cannot use " + dataDir + ": " + e.getMessage(), e);
    }
  }

  @FunctionalInterface
  private interface Call<T> {
    T on(ControlPlaneClient client) throws ControlPlaneClient.UnavailableException;
  }

  private <T> T call(Call<T> call) {
    try {
      return call.on(client());
    } catch (ControlPlaneClient.UnavailableException e) {
      throw new PoolUnavailableException(e.getMessage(), e);
    }
  }

  private ActionResult action(Call<ControlPlaneClient.Answer> call) {
    ControlPlaneClient.Answer a = call(call);
    return switch (a.status()) {
      case 202, 409 -> a.result();
      case 400 -> throw new IllegalArgumentException(a.result().message());
      case 404 -> throw new NoSuchElementException(a.result().message());
      default -> throw new PoolUnavailableException("the control plane answered HTTP " + a.status() + ": "
          + a.result().message(), null);
    };
  }

  @Override
  public PoolStatus status() {
    return call(ControlPlaneClient::status);
  }

  @Override
  public List<ControlEvent> events(int limit) {
    return call(c -> c.events(limit));
  }

  @Override
  public ActionResult upgrade(NodeVersion version, boolean retry, boolean allowDowngrade) {
    return action(c -> c.upgrade(version.toString(), retry, allowDowngrade));
  }

  @Override
  public ActionResult addRelay(String region) {
    return action(c -> c.addRelay(region));
  }

  @Override
  public ActionResult restartNode(String node) {
    return action(c -> c.restartNode(node));
  }

  @Override
  public ActionResult removeNode(String node, boolean relayOnly) {
    return action(c -> c.removeNode(node, relayOnly));
  }

  @Override
  public ActionResult deleteVolume(String node) {
    return action(c -> c.deleteVolume(node));
  }

  @Override
  public ActionResult deletePool() {
    return action(ControlPlaneClient::deletePool);
  }

  @Override
  public ActionResult rotateKeys(KeyChanges.Key key, String passphraseFile) {
    return action(c -> c.rotateKeys(key, passphraseFile));
  }

  @Override
  public ActionResult revokeKeys(KeyChanges.Key key, String reason) {
    return action(c -> c.revokeKeys(key, reason));
  }

  @Override
  public ActionResult shutdown() {
    return action(ControlPlaneClient::shutdown);
  }

  @Override
  public ActionResult switchover() {
    return action(ControlPlaneClient::switchover);
  }
}
