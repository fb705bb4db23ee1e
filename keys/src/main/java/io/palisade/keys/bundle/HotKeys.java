package io.palisade.keys.bundle;

import io.palisade.spec.AtomicFile;
import io.palisade.keys.OperationalCertificate;
import io.palisade.keys.PoolId;
import io.palisade.keys.TextEnvelope;
import io.palisade.keys.VrfSigningKey;
import io.palisade.keys.kes.KesSigningKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The block producer's hot keys, opened from a verified bundle: the KES signing key, the VRF signing key and the
 * operational certificate. Holds secrets: wiped by {@link #close()}, never printed.
 *
 * <pre>{@code
 * try (HotKeys keys = HotKeyBundle.open(bundle, passphrase, Optional.of(poolIdHex))) {
 *   keys.writeNodeFiles(ramDir);                  // kes.skey, vrf.skey, node.cert, mode 0600
 *   Map<String, byte[]> secret = keys.textEnvelopes(); // or build a Kubernetes Secret in memory
 * }
 * }</pre>
 */
public final class HotKeys implements AutoCloseable {
  /** File name of the KES signing key, as cardano-node's --shelley-kes-key usually names it. */
  public static final String KES_FILE = "kes.skey";
  /** File name of the VRF signing key. */
  public static final String VRF_FILE = "vrf.skey";
  /** File name of the operational certificate. */
  public static final String OPCERT_FILE = "node.cert";

  private final BundleHeader header;
  private final OperationalCertificate opcert;
  private final KesSigningKey kes;
  private final VrfSigningKey vrf;

  HotKeys(BundleHeader header, OperationalCertificate opcert, KesSigningKey kes, VrfSigningKey vrf) {
    this.header = header;
    this.opcert = opcert;
    this.kes = kes;
    this.vrf = vrf;
  }

  /** The bundle's public facts. */
  public BundleHeader header() {
    return header;
  }

  /** The pool id, hex. */
  public String poolIdHex() {
    return header.poolIdHex();
  }

  /** The pool id. */
  public PoolId poolId() {
    return PoolId.parse(header.poolIdHex());
  }

  /** The network. */
  public String network() {
    return header.network();
  }

  /** The opcert's issue counter. */
  public long opcertCounter() {
    return opcert.counter();
  }

  /** The opcert's KES start period. */
  public long kesStartPeriod() {
    return opcert.kesPeriod();
  }

  /** Whether this is a demo bundle. */
  public boolean demo() {
    return header.demo();
  }

  /** The operational certificate (public). */
  public OperationalCertificate operationalCertificate() {
    return opcert;
  }

  /**
   * The three node files as cardano-cli text envelopes, by file name ({@link #KES_FILE}, {@link #VRF_FILE},
   * {@link #OPCERT_FILE}). The caller wipes the arrays when done.
   */
  public Map<String, byte[]> textEnvelopes() {
    Map<String, byte[]> out = new LinkedHashMap<>();
    TextEnvelope k = kes.toEnvelope();
    TextEnvelope v = vrf.toEnvelope();
    out.put(KES_FILE, k.toBytes());
    out.put(VRF_FILE, v.toBytes());
    out.put(OPCERT_FILE, opcert.toEnvelope().toBytes());
    k.wipe();
    v.wipe();
    return out;
  }

  /**
   * Writes {@code kes.skey}, {@code vrf.skey} and {@code node.cert} into {@code dir}, each atomically with mode 0600.
   * Point it at a RAM-backed directory (tmpfs): these are the only plaintext secrets Palisade writes on purpose.
   */
  public void writeNodeFiles(Path dir) {
    Map<String, byte[]> files = textEnvelopes();
    try {
      for (Map.Entry<String, byte[]> e : files.entrySet()) {
        AtomicFile.write(dir.resolve(e.getKey()), e.getValue(), true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    } finally {
      files.values().forEach(b -> Arrays.fill(b, (byte) 0));
    }
  }

  /** Wipes the KES and VRF keys. */
  @Override
  public void close() {
    kes.close();
    vrf.close();
  }

  /** Public facts only. */
  @Override
  public String toString() {
    return "HotKeys[pool " + header.poolIdHex() + ", network " + header.network() + ", opcert counter "
        + opcert.counter() + ", KES start period " + opcert.kesPeriod() + (header.demo() ? ", DEMO" : "") + "]";
  }
}
