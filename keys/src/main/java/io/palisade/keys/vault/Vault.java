package io.palisade.keys.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.palisade.keys.Argon2Kdf;
import io.palisade.spec.AtomicFile;
import io.palisade.keys.ColdSigningKey;
import io.palisade.keys.ColdVerificationKey;
import io.palisade.keys.EnvelopeType;
import io.palisade.keys.KeysException;
import io.palisade.keys.KeysException.Kind;
import io.palisade.keys.PoolId;
import io.palisade.keys.SecretBytes;
import io.palisade.keys.SigningKey;
import io.palisade.keys.TextEnvelope;
import io.palisade.keys.VrfSigningKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The offline key vault: one directory, one file ({@code vault.json}) holding every secret key encrypted with
 * AES-256-GCM under a random 256-bit data key. The data key is itself encrypted by each protector: a non-extractable
 * AES key in a PKCS#11 token and/or a key derived from a passphrase with Argon2id. An HMAC under the data key covers
 * the whole file, so altered metadata (the issue-counter record, a swapped key) is caught on open.
 *
 * <p>Every change rewrites the file atomically (temp, fsync, rename, fsync dir): a crash leaves the old vault or the
 * new one. A lock file keeps two processes from changing it at once. Nothing is written on a failed open. The parts
 * live beside it: {@link VaultFile} (the format), {@link VaultLock}, {@link VaultProtectors}, {@link VaultEntries} and
 * {@link VaultMac}.
 *
 * <pre>{@code
 * try (VaultCredentials creds = VaultCredentials.passphrase(pass);
 *     Vault vault = Vault.open(dir, creds);
 *     ColdSigningKey cold = vault.coldKey("cold")) {
 *   ...
 * }
 * }</pre>
 */
public final class Vault implements AutoCloseable {
  /** The file inside the vault directory. */
  public static final String FILE_NAME = "vault.json";
  /** The format name in the file. */
  public static final String FORMAT = "palisade-vault";
  /** Names keys may have. */
  public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path dir;
  private final ObjectNode doc;
  private final SecretBytes dataKey;
  private final VaultLock lock;
  private final Clock clock;

  private Vault(Path dir, ObjectNode doc, SecretBytes dataKey, VaultLock lock, Clock clock) {
    this.dir = dir;
    this.doc = doc;
    this.dataKey = dataKey;
    this.lock = lock;
    this.clock = clock;
  }

  /**
   * Creates an empty vault.
   *
   * @param dir the vault directory (created; must not hold a vault already)
   * @param network the network the pool runs on (mainnet, preprod, preview or a custom name)
   * @param creds a passphrase and/or a token: each becomes a protector
   * @param kdf Argon2id parameters for the passphrase protector (ignored without a passphrase)
   * @param clock the time source for timestamps
   * @return the open vault
   */
  public static Vault create(Path dir, String network, VaultCredentials creds, Argon2Kdf kdf, Clock clock) {
    Path file = dir.resolve(FILE_NAME);
    if (Files.exists(file)) {
      throw new KeysException(Kind.REFUSED, dir + " already holds a vault; nothing changed");
    }
    try {
      Files.createDirectories(dir);
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    } catch (IOException e) {
      throw KeysException.invalid("cannot create vault directory " + dir + ": " + e.getMessage());
    }
    byte[] id = new byte[16];
    RANDOM.nextBytes(id);
    String vaultId = HexFormat.of().formatHex(id);
    byte[] dek = new byte[32];
    RANDOM.nextBytes(dek);
    ObjectNode doc = VaultFile.newDocument(vaultId, network, clock.instant());
    ArrayNode protectors = doc.putArray("protectors");
    try {
      VaultProtectors.addAll(protectors, vaultId, dek, creds, kdf);
      doc.putObject("keys");
      doc.putObject("state");
      VaultLock lock = VaultLock.take(dir);
      if (Files.exists(file)) {
        lock.release();
        throw new KeysException(Kind.REFUSED, dir + " already holds a vault; nothing changed");
      }
      Vault vault = new Vault(dir, doc, SecretBytes.copyOf(dek), lock, clock);
      try {
        vault.save();
      } catch (RuntimeException e) {
        vault.close();
        throw e;
      }
      return vault;
    } finally {
      Arrays.fill(dek, (byte) 0);
    }
  }

  /**
   * Opens (unlocks) a vault.
   *
   * @throws KeysException INVALID_INPUT if missing, truncated or malformed; WRONG_CREDENTIAL on a wrong passphrase or
   *     PIN; TAMPERED if the file was altered; REFUSED if another process holds it
   */
  public static Vault open(Path dir, VaultCredentials creds, Clock clock) {
    VaultFile.read(dir); // a clear error for a missing or corrupt vault before taking the lock
    VaultLock lock = VaultLock.take(dir);
    try {
      ObjectNode doc = VaultFile.read(dir);
      byte[] dek = VaultProtectors.unwrapDataKey(dir, doc, doc.path("vaultId").asText(), creds);
      Vault vault = new Vault(dir, doc, SecretBytes.adopt(dek), lock, clock);
      try {
        VaultMac.verify(dir.resolve(FILE_NAME), doc, vault.dataKey);
        return vault;
      } catch (RuntimeException e) {
        vault.dataKey.close();
        throw e;
      }
    } catch (RuntimeException e) {
      lock.release();
      throw e;
    }
  }

  /** Reads the vault's public facts without unlocking it. */
  public static VaultInfo inspect(Path dir) {
    return VaultFile.infoOf(dir, VaultFile.read(dir));
  }

  /** Whether {@code dir} holds a vault file. */
  public static boolean exists(Path dir) {
    return Files.exists(dir.resolve(FILE_NAME));
  }

  /** This vault's public facts (authenticated: the vault is open). */
  public VaultInfo info() {
    return VaultFile.infoOf(dir, doc);
  }

  /** The vault directory. */
  public Path directory() {
    return dir;
  }

  /** The network recorded at creation. */
  public String network() {
    return doc.path("network").asText();
  }

  /** The vault id. */
  public String vaultId() {
    return doc.path("vaultId").asText();
  }

  /** Names of the keys held. */
  public List<String> names() {
    List<String> names = new ArrayList<>();
    doc.path("keys").fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** Whether a key of this name is held. */
  public boolean contains(String name) {
    return doc.path("keys").has(name);
  }

  /**
   * The envelope type recorded for a key, without decrypting it (e.g. {@code StakePoolSigningKey_ed25519}).
   *
   * @param name the key's name
   * @return the type as recorded, or empty if no key has this name
   */
  public Optional<String> keyType(String name) {
    JsonNode entry = doc.path("keys").get(name);
    return entry == null ? Optional.empty() : Optional.of(entry.path("type").asText());
  }

  /**
   * Encrypts and stores a key, then saves the vault atomically.
   *
   * @param name the key's name
   * @param key the key (not closed here)
   * @param replace whether an existing key of this name may be replaced
   * @throws KeysException REFUSED if the name is taken and {@code replace} is false
   */
  public void put(String name, SigningKey key, boolean replace) {
    VaultEntries.checkName(name);
    if (contains(name) && !replace) {
      throw new KeysException(Kind.REFUSED, "the vault already holds a key named \"" + name + "\"; nothing changed");
    }
    if ("cold".equals(name) && !(key instanceof ColdSigningKey)) {
      throw KeysException.invalid("the key named \"cold\" must be a cold (stake pool) signing key, was: "
          + key.type().type());
    }
    VaultEntries.seal((ObjectNode) doc.get("keys"), vaultId(), name, key, dataKey, clock.instant());
    save();
  }

  /**
   * Decrypts a key. The caller closes it.
   *
   * @throws KeysException INVALID_INPUT if absent, TAMPERED if its ciphertext does not authenticate
   */
  public SigningKey get(String name) {
    JsonNode entry = doc.path("keys").get(name);
    if (entry == null) {
      throw KeysException.invalid("the vault holds no key named \"" + name + "\" (it holds: "
          + String.join(", ", names()) + ")");
    }
    return VaultEntries.open(entry, vaultId(), name, dataKey);
  }

  /**
   * Imports a plaintext cardano-cli signing-key file into the vault. The file is left alone: the caller offers to
   * {@link Shredder#shred shred} it.
   *
   * @return the key's type
   */
  public EnvelopeType importFile(String name, Path file, boolean replace) {
    try (SigningKey key = SigningKey.read(file)) {
      put(name, key, replace);
      return key.type();
    }
  }

  /**
   * Writes a key as a plaintext cardano-cli file (mode 0600). This is the one way a secret leaves the vault
   * unencrypted; callers must make the operator ask for it explicitly.
   *
   * @throws KeysException REFUSED if {@code out} exists
   */
  public void exportPlaintext(String name, Path out) {
    if (Files.exists(out)) {
      throw new KeysException(Kind.REFUSED, out + " already exists; nothing written");
    }
    try (SigningKey key = get(name)) {
      TextEnvelope env = key.toEnvelope();
      byte[] bytes = env.toBytes();
      try {
        AtomicFile.write(out, bytes, true);
      } catch (IOException e) {
        throw new UncheckedIOException(e.getMessage(), e);
      } finally {
        env.wipe();
        Arrays.fill(bytes, (byte) 0);
      }
    }
  }

  /** Decrypts a cold signing key. */
  public ColdSigningKey coldKey(String name) {
    SigningKey k = get(name);
    if (k instanceof ColdSigningKey c) {
      return c;
    }
    k.close();
    throw KeysException.invalid("vault key \"" + name + "\" is a " + k.type().type() + ", not a cold signing key");
  }

  /** Decrypts a VRF signing key. */
  public VrfSigningKey vrfKey(String name) {
    SigningKey k = get(name);
    if (k instanceof VrfSigningKey v) {
      return v;
    }
    k.close();
    throw KeysException.invalid("vault key \"" + name + "\" is a " + k.type().type() + ", not a VRF signing key");
  }

  /** The pool id, from the key named "cold" (without decrypting it). */
  public Optional<PoolId> poolId() {
    return coldVerificationKey().map(ColdVerificationKey::poolId);
  }

  /** The cold verification key recorded for the key named "cold". */
  public Optional<ColdVerificationKey> coldVerificationKey() {
    return coldVerificationKey("cold");
  }

  /** The verification key recorded for the cold key named {@code name}, without decrypting it. */
  public Optional<ColdVerificationKey> coldVerificationKey(String name) {
    JsonNode cold = doc.path("keys").get(name);
    if (cold == null || !EnvelopeType.COLD_SIGNING_KEY.type().equals(cold.path("type").asText())) {
      return Optional.empty();
    }
    return Optional.of(ColdVerificationKey.ofHex(cold.path("verificationKey").asText()));
  }

  /** The last opcert counter and KES period issued from this vault, if any. */
  public OptionalLong lastIssuedCounter() {
    JsonNode n = doc.path("state").get("lastIssuedCounter");
    return n == null || !n.isIntegralNumber() ? OptionalLong.empty() : OptionalLong.of(n.asLong());
  }

  /** Records an issued opcert (authenticated by the vault MAC), then saves. */
  public void recordIssued(long counter, long kesPeriod) {
    ObjectNode state = (ObjectNode) doc.get("state");
    state.put("lastIssuedCounter", counter);
    state.put("lastIssuedKesPeriod", kesPeriod);
    state.put("lastIssuedAt", clock.instant().toString());
    save();
  }

  /** Wipes the data key and releases the lock. */
  @Override
  public void close() {
    dataKey.close();
    lock.release();
  }

  @Override
  public String toString() {
    return "Vault[" + dir + ", id " + vaultId() + ", keys " + names() + "]";
  }

  private void save() {
    VaultMac.seal(doc, dataKey);
    VaultFile.write(dir, doc);
  }
}
