package io.palisade.deploy.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The block producer's hot keys as files (KES signing key, VRF signing key, operational certificate), held in memory
 * to build the hot-key Secret (a directory of them is read by {@code deploy.files.PoolFiles.hotKeys}). Cold keys never
 * come here. A final class, not a record: the bytes are copied in and
 * out, {@link #toString()} names nothing, and {@link #close()} wipes them.
 */
public final class HotKeyFiles implements AutoCloseable {
  /** The KES signing key file. */
  public static final String KES_SKEY = "kes.skey";
  /** The VRF signing key file. */
  public static final String VRF_SKEY = "vrf.skey";
  /** The operational certificate file. */
  public static final String NODE_CERT = "node.cert";
  /** The files a block producer needs, all required. */
  public static final List<String> REQUIRED = List.of(KES_SKEY, VRF_SKEY, NODE_CERT);

  /** The largest hot-key file accepted. */
  public static final int MAX_FILE_BYTES = 64 * 1024;

  private final Map<String, byte[]> files;
  private boolean wiped;

  private HotKeyFiles(Map<String, byte[]> files) {
    this.files = files;
  }

  /**
   * Copies {@code files}.
   *
   * @param files file name to content; must hold exactly {@link #REQUIRED}
   * @return the hot keys
   * @throws IllegalArgumentException naming the missing, unexpected, empty or oversized file (never its content)
   */
  public static HotKeyFiles of(Map<String, byte[]> files) {
    if (!files.keySet().equals(Set.copyOf(REQUIRED))) {
      throw new IllegalArgumentException("hot keys must be exactly " + REQUIRED + ", were: "
          + new java.util.TreeSet<>(files.keySet()));
    }
    Map<String, byte[]> copy = new TreeMap<>();
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      byte[] bytes = e.getValue();
      if (bytes == null || bytes.length == 0 || bytes.length > MAX_FILE_BYTES) {
        throw new IllegalArgumentException(e.getKey() + ": must be 1 to " + MAX_FILE_BYTES + " bytes, was "
            + (bytes == null ? "absent" : bytes.length + " bytes"));
      }
      copy.put(e.getKey(), bytes.clone());
    }
    return new HotKeyFiles(copy);
  }

  /** The file names, sorted. */
  public Set<String> names() {
    return Collections.unmodifiableSet(files.keySet());
  }

  /**
   * A copy of one file's secret content. The caller wipes it after use.
   *
   * @param name one of {@link #names()}
   * @return the bytes
   */
  public byte[] revealBytes(String name) {
    if (wiped) {
      throw new IllegalStateException("hot keys were wiped");
    }
    byte[] bytes = files.get(name);
    if (bytes == null) {
      throw new IllegalArgumentException("no hot-key file " + name);
    }
    return bytes.clone();
  }

  /** Overwrites every byte with zeros; later reads fail. */
  @Override
  public void close() {
    files.values().forEach(b -> Arrays.fill(b, (byte) 0));
    wiped = true;
  }

  @Override
  public String toString() {
    return "HotKeyFiles[redacted]";
  }
}
