package io.palisade.runtime.local;

import io.palisade.control.StateJson;
import io.palisade.spec.AtomicFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

/**
 * The single-host runtime's data directory, one pool per directory:
 *
 * <pre>
 * DIR/
 *   lock                  held (flock) by the running control plane; a kill -9 releases it
 *   control-plane.json    {"pid", "url", "pool", "startedAt"} of the running control plane
 *   token                 the API token, mode 0600
 *   pool.json             which pool this directory holds and its spec file
 *   desired.json          the operator's requests on top of pool.yaml (target version, added relays)
 *   state.json            the control logic's state (rollout, history, failed versions)
 *   ports.json            each node's node-to-node and metrics ports, fixed at first start
 *   events.jsonl          every decision, one JSON object a line
 *   faults.json           optional: faults for every simulated node (tests, demos)
 *   console/              the admin console's database and key, when 'palisade up' runs the console
 *   nodes/NAME/           the node's working directory: config.json, topology.json, genesis files, db/,
 *                         node.socket, node.log, process.json (pid and start time), optional faults.json
 * </pre>
 *
 * The directory is created with mode 0700.
 */
public final class DataDir {
  private final Path root;
  private FileChannel lockChannel;
  private FileLock lock;

  /**
   * @param root the directory (created if missing)
   * @throws IOException if it cannot be created
   */
  public DataDir(Path root) throws IOException {
    this.root = root.toAbsolutePath().normalize();
    if (!Files.isDirectory(this.root)) {
      Files.createDirectories(this.root, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rwx------")));
    }
  }

  /**
   * The default data directory: {@code $PALISADE_DATA_DIR}, else {@code $XDG_STATE_HOME/palisade} (an absolute path, as
   * the XDG base directory specification requires; a relative one is ignored), else
   * {@code $HOME/.local/state/palisade}. {@code $HOME} is the environment's, as every shell tool reads it: Java's
   * {@code user.home} comes from the password database and is only the last resort when {@code HOME} is unset, so a
   * shell with {@code HOME} exported never acts on another user's pool.
   *
   * @param env the environment
   * @return the directory
   */
  public static Path defaultRoot(Map<String, String> env) {
    String own = env.get("PALISADE_DATA_DIR");
    if (own != null && !own.isBlank()) {
      return Path.of(own);
    }
    String xdg = env.get("XDG_STATE_HOME");
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg, "palisade");
    }
    String home = env.get("HOME");
    return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"), ".local", "state",
        "palisade");
  }

  /** The directory. */
  public Path root() {
    return root;
  }

  /**
   * Takes the directory's lock for a control plane. Held until {@link #unlock()} or the process dies.
   *
   * @return whether the lock was taken (false: another control plane runs on this directory)
   * @throws IOException if the lock file cannot be opened
   */
  public synchronized boolean tryLock() throws IOException {
    if (lock != null) {
      return true;
    }
    FileChannel ch = FileChannel.open(root.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      FileLock l = ch.tryLock();
      if (l == null) {
        ch.close();
        return false;
      }
      lockChannel = ch;
      lock = l;
      return true;
    } catch (OverlappingFileLockException e) {
      ch.close();
      return false;
    }
  }

  /** Whether some process holds the lock now (a control plane runs). */
  public boolean isLockedByAnother() throws IOException {
    if (lock != null) {
      return false;
    }
    if (!tryLock()) {
      return true;
    }
    unlock();
    return false;
  }

  /** Releases the lock. */
  public synchronized void unlock() {
    try {
      if (lock != null) {
        lock.release();
      }
      if (lockChannel != null) {
        lockChannel.close();
      }
    } catch (IOException ignored) {
      // Closing releases the lock; nothing else to do.
    } finally {
      lock = null;
      lockChannel = null;
    }
  }

  /** {@code state.json}. */
  public Path stateFile() {
    return root.resolve("state.json");
  }

  /** {@code producer-lease.json}: the producer lease of a pool with a standby. */
  public Path leaseFile() {
    return root.resolve("producer-lease.json");
  }

  /** {@code desired.json}. */
  public Path desiredFile() {
    return root.resolve("desired.json");
  }

  /** {@code pool.json}. */
  public Path poolFile() {
    return root.resolve("pool.json");
  }

  /** {@code ports.json}. */
  public Path portsFile() {
    return root.resolve("ports.json");
  }

  /** {@code events.jsonl}. */
  public Path eventsFile() {
    return root.resolve("events.jsonl");
  }

  /** {@code control-plane.json}. */
  public Path controlPlaneFile() {
    return root.resolve("control-plane.json");
  }

  /** {@code token}. */
  public Path tokenFile() {
    return root.resolve("token");
  }

  /** {@code faults.json}: faults for every simulated node. */
  public Path poolFaultsFile() {
    return root.resolve("faults.json");
  }

  /** The working directory of node {@code name}. */
  public Path nodeDir(String name) {
    return root.resolve("nodes").resolve(name);
  }

  /**
   * The node-to-client socket of node {@code name}: its {@code --socket-path}, where {@code palisade leader-schedule}
   * and {@code palisade keys rotation-request} find it.
   */
  public Path nodeSocket(String name) {
    return nodeDir(name).resolve("node.socket");
  }

  /**
   * Removes the pool's runtime state: every node's directory (chain databases included), the state, the requests,
   * the ports and the pool record. The event log, the console's directory and the lock stay. Call it with every node
   * stopped and the lock held.
   *
   * @throws IOException if something cannot be removed
   */
  public void deletePoolState() throws IOException {
    Path nodes = root.resolve("nodes");
    if (Files.exists(nodes, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      try (var all = Files.walk(nodes)) {
        for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    for (Path f : new Path[] {stateFile(), desiredFile(), portsFile(), poolFile(), poolFaultsFile()}) {
      Files.deleteIfExists(f);
    }
  }

  /** The slot ledger's directory ({@code slots/}: one file a recent epoch, the older ones compacted). */
  public Path slotsDir() {
    return root.resolve("slots");
  }

  /** Reads a JSON file of this directory, if present. */
  public <T> Optional<T> read(Path file, Class<T> type) throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(StateJson.MAPPER.readValue(file.toFile(), type));
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new IOException(file + " is damaged (" + e.getOriginalMessage() + "); move it away to start that part"
          + " afresh", e);
    } catch (java.io.CharConversionException e) {
      // Jackson's encoding guess refuses some UCS-4 byte orders outside JacksonException: the same damage.
      throw new IOException(file + " is damaged (" + e.getMessage() + "); move it away to start that part afresh", e);
    }
  }

  /** Writes a JSON file of this directory atomically, mode 0600. */
  public void write(Path file, Object value) throws IOException {
    AtomicFile.write(file, StateJson.MAPPER.writeValueAsBytes(value), true);
  }
}
