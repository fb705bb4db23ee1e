package io.palisade.keys.vault;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.palisade.keys.Aead;
import io.palisade.keys.Argon2Kdf;
import io.palisade.spec.AtomicFile;
import io.palisade.keys.CanonicalJson;
import io.palisade.keys.ColdSigningKey;
import io.palisade.keys.ColdVerificationKey;
import io.palisade.keys.EnvelopeType;
import io.palisade.keys.InputFile;
import io.palisade.keys.KeysException;
import io.palisade.keys.KeysException.Kind;
import io.palisade.keys.PoolId;
import io.palisade.keys.SecretBytes;
import io.palisade.keys.SigningKey;
import io.palisade.keys.TextEnvelope;
import io.palisade.keys.VrfSigningKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The offline key vault: one directory, one file ({@code vault.json}) holding every secret key encrypted with
 * AES-256-GCM under a random 256-bit data key. The data key is itself encrypted by each protector: a non-extractable
 * AES key in a PKCS#11 token and/or a key derived from a passphrase with Argon2id. An HMAC under the data key covers
 * the whole file, so altered metadata (the issue-counter record, a swapped key) is caught on open.
 *
 * <p>Every change rewrites the file atomically (temp, fsync, rename, fsync dir): a crash leaves the old vault or the
 * new one. A lock file keeps two processes from changing it at once. Nothing is written on a failed open.
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

  private static final int MAX_FILE_BYTES = 1024 * 1024;
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path dir;
  private final ObjectNode doc;
  private final SecretBytes dataKey;
  private final LockHandle lock;
  private final Clock clock;

  /** The exclusive lock on {@code .lock} in the vault directory, held while a vault is open. */
  private record LockHandle(FileChannel channel, FileLock lock) {
    void release() {
      try {
        lock.release();
        channel.close();
      } catch (IOException ignored) {
        // The lock goes with the process anyway.
      }
    }
  }

  private Vault(Path dir, ObjectNode doc, SecretBytes dataKey, LockHandle lock, Clock clock) {
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
    ObjectNode doc = MAPPER.createObjectNode();
    doc.put("format", FORMAT);
    doc.put("version", 1);
    doc.put("vaultId", vaultId);
    doc.put("network", network);
    doc.put("createdAt", clock.instant().toString());
    ArrayNode protectors = doc.putArray("protectors");
    try {
      if (creds.hasPassphrase()) {
        protectors.add(passphraseProtector(vaultId, dek, creds.passphrase().orElseThrow(), kdf));
      }
      if (creds.hasPkcs11()) {
        VaultCredentials.Pkcs11Settings s = creds.pkcs11().orElseThrow();
        String label = "palisade-vault-kek-" + vaultId;
        Aead.Sealed sealed;
        try (Pkcs11Token token = Pkcs11Token.login(s.library(), s.slotListIndex(), creds.pin().orElseThrow())) {
          token.createKey(label);
          sealed = token.seal(label, dek, protectorAad(vaultId, "pkcs11"));
        }
        ObjectNode p = protectors.addObject();
        p.put("kind", "pkcs11");
        p.put("library", s.library());
        p.put("slotListIndex", s.slotListIndex());
        p.put("keyLabel", label);
        putSealed(p, sealed, "wrappedKey");
      }
      if (protectors.isEmpty()) {
        throw KeysException.invalid("a vault needs a passphrase or a PKCS#11 token to protect it");
      }
      doc.putObject("keys");
      doc.putObject("state");
      LockHandle lock = lock(dir);
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
    readDocument(dir); // a clear error for a missing or corrupt vault before taking the lock
    LockHandle lock = lock(dir);
    try {
      ObjectNode doc = readDocument(dir);
      byte[] dek = unwrapDataKey(dir, doc, doc.path("vaultId").asText(), creds);
      Vault vault = new Vault(dir, doc, SecretBytes.adopt(dek), lock, clock);
      try {
        vault.verifyMac();
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
    return infoOf(dir, readDocument(dir));
  }

  /** Whether {@code dir} holds a vault file. */
  public static boolean exists(Path dir) {
    return Files.exists(dir.resolve(FILE_NAME));
  }

  /** This vault's public facts (authenticated: the vault is open). */
  public VaultInfo info() {
    return infoOf(dir, doc);
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
    checkName(name);
    if (contains(name) && !replace) {
      throw new KeysException(Kind.REFUSED, "the vault already holds a key named \"" + name + "\"; nothing changed");
    }
    if ("cold".equals(name) && !(key instanceof ColdSigningKey)) {
      throw KeysException.invalid("the key named \"cold\" must be a cold (stake pool) signing key, was: "
          + key.type().type());
    }
    TextEnvelope env = key.toEnvelope();
    byte[] raw = env.rawKey(key.type(), name);
    env.wipe();
    byte[] dek = dataKey.reveal();
    try {
      Aead.Sealed sealed = Aead.seal(dek, raw, entryAad(vaultId(), name, key.type().type()));
      ObjectNode entry = ((ObjectNode) doc.get("keys")).putObject(name);
      entry.put("type", key.type().type());
      entry.put("verificationKey", HexFormat.of().formatHex(
          key.verificationKeyEnvelope().rawKey(vkType(key.type()), name)));
      entry.put("addedAt", clock.instant().toString());
      putSealed(entry, sealed, "ciphertext");
    } finally {
      Arrays.fill(raw, (byte) 0);
      Arrays.fill(dek, (byte) 0);
    }
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
    String type = entry.path("type").asText();
    EnvelopeType envType = EnvelopeType.byType(type).filter(EnvelopeType::isSecret)
        .orElseThrow(() -> new KeysException(Kind.TAMPERED, "vault key \"" + name + "\" has an unknown type"));
    byte[] dek = dataKey.reveal();
    byte[] raw = null;
    try {
      raw = Aead.open(dek, sealed(entry, "ciphertext", name), entryAad(vaultId(), name, type))
          .orElseThrow(() -> new KeysException(Kind.TAMPERED, "vault key \"" + name + "\" does not authenticate:"
              + " the vault file was altered or corrupted"));
      TextEnvelope env = TextEnvelope.ofRawKey(envType, raw);
      try {
        return SigningKey.fromEnvelope(env, "vault key \"" + name + "\"");
      } finally {
        env.wipe();
      }
    } finally {
      Arrays.fill(dek, (byte) 0);
      if (raw != null) {
        Arrays.fill(raw, (byte) 0);
      }
    }
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

  // ---------------------------------------------------------------------------------------------------------------

  private static LockHandle lock(Path dir) {
    try {
      FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      try {
        FileLock l = ch.tryLock();
        if (l == null) {
          ch.close();
          throw new KeysException(Kind.REFUSED, "the vault " + dir + " is in use by another palisade process");
        }
        return new LockHandle(ch, l);
      } catch (java.nio.channels.OverlappingFileLockException e) {
        ch.close();
        throw new KeysException(Kind.REFUSED, "the vault " + dir + " is already open in this process");
      }
    } catch (IOException e) {
      throw KeysException.invalid("cannot lock the vault " + dir + ": " + e.getMessage());
    }
  }

  private void save() {
    doc.put("mac", HexFormat.of().formatHex(mac()));
    try {
      AtomicFile.write(dir.resolve(FILE_NAME), MAPPER.writeValueAsBytes(doc), true);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize the vault", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }

  private byte[] mac() {
    ObjectNode copy = doc.deepCopy();
    copy.remove("mac");
    byte[] dek = dataKey.reveal();
    try {
      Mac h = Mac.getInstance("HmacSHA256");
      h.init(new SecretKeySpec(dek, "HmacSHA256"));
      byte[] macKey = h.doFinal("palisade-vault-mac-v1".getBytes(StandardCharsets.US_ASCII));
      h.init(new SecretKeySpec(macKey, "HmacSHA256"));
      Arrays.fill(macKey, (byte) 0);
      return h.doFinal(CanonicalJson.bytes(copy));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    } finally {
      Arrays.fill(dek, (byte) 0);
    }
  }

  private void verifyMac() {
    byte[] stored;
    try {
      stored = HexFormat.of().parseHex(doc.path("mac").asText());
    } catch (IllegalArgumentException e) {
      throw new KeysException(Kind.TAMPERED, dir.resolve(FILE_NAME) + ": its integrity check (mac) is malformed");
    }
    if (!MessageDigest.isEqual(stored, mac())) {
      throw new KeysException(Kind.TAMPERED, dir.resolve(FILE_NAME) + " was altered: its integrity check does not"
          + " match (restore it from a backup; nothing was changed)");
    }
  }

  private static ObjectNode readDocument(Path dir) {
    Path file = dir.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      throw KeysException.invalid("no vault at " + dir + " (no " + FILE_NAME + "); create one with"
          + " 'palisade keys vault init'");
    }
    byte[] bytes = InputFile.read(file, MAX_FILE_BYTES, "vault file");
    JsonNode node;
    try {
      node = MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw KeysException.invalid(file + " is truncated or corrupted (not valid JSON); restore it from a backup");
    }
    if (node == null || !node.isObject() || !FORMAT.equals(node.path("format").asText())) {
      throw KeysException.invalid(file + " is not a palisade vault file (truncated or corrupted?)");
    }
    if (node.path("version").asInt() != 1) {
      throw KeysException.invalid(file + ": unsupported vault version " + node.path("version"));
    }
    for (String field : List.of("vaultId", "network", "createdAt", "mac")) {
      if (!node.path(field).isTextual()) {
        throw KeysException.invalid(file + " is truncated or corrupted: missing \"" + field + "\"");
      }
    }
    if (!node.path("protectors").isArray() || !node.path("keys").isObject() || !node.path("state").isObject()) {
      throw KeysException.invalid(file + " is truncated or corrupted: missing protectors, keys or state");
    }
    return (ObjectNode) node;
  }

  private static byte[] unwrapDataKey(Path dir, ObjectNode doc, String vaultId, VaultCredentials creds) {
    List<String> kinds = new ArrayList<>();
    for (JsonNode p : doc.get("protectors")) {
      kinds.add(p.path("kind").asText());
    }
    if (creds.hasPkcs11() && kinds.contains("pkcs11")) {
      JsonNode p = protector(doc, "pkcs11");
      VaultCredentials.Pkcs11Settings s = creds.pkcs11().orElseThrow();
      String library = s.library() != null ? s.library() : p.path("library").asText();
      int slot = s.slotListIndex() >= 0 ? s.slotListIndex() : p.path("slotListIndex").asInt();
      try (Pkcs11Token token = Pkcs11Token.login(library, slot, creds.pin().orElseThrow())) {
        return token.open(p.path("keyLabel").asText(), sealed(p, "wrappedKey", "pkcs11 protector"),
                protectorAad(vaultId, "pkcs11"))
            .orElseThrow(() -> new KeysException(Kind.TAMPERED, "the token's key does not unlock this vault: the"
                + " vault's pkcs11 entry was altered, or this is another token"));
      }
    }
    if (creds.hasPassphrase() && kinds.contains("passphrase")) {
      JsonNode p = protector(doc, "passphrase");
      Argon2Kdf kdf = Argon2Kdf.fromJson(p.get("kdf"), dir.resolve(FILE_NAME).toString());
      byte[] kek = kdf.derive(creds.passphrase().orElseThrow());
      try {
        return Aead.open(kek, sealed(p, "wrappedKey", "passphrase protector"), protectorAad(vaultId, "passphrase"))
            .orElseThrow(() -> new KeysException(Kind.WRONG_CREDENTIAL, "wrong passphrase for the vault " + dir
                + " (nothing was changed)"));
      } finally {
        Arrays.fill(kek, (byte) 0);
      }
    }
    throw KeysException.invalid("the vault " + dir + " is protected by " + String.join(" and ", kinds)
        + "; give " + String.join(" or ", kinds.stream().map(k -> k.equals("pkcs11")
            ? "the token PIN (--pkcs11-pin-file)" : "the passphrase (--passphrase-file)").toList()));
  }

  private static ObjectNode passphraseProtector(String vaultId, byte[] dek, char[] passphrase, Argon2Kdf kdf) {
    byte[] kek = kdf.derive(passphrase);
    try {
      ObjectNode p = MAPPER.createObjectNode();
      p.put("kind", "passphrase");
      p.set("kdf", kdf.toJson());
      putSealed(p, Aead.seal(kek, dek, protectorAad(vaultId, "passphrase")), "wrappedKey");
      return p;
    } finally {
      Arrays.fill(kek, (byte) 0);
    }
  }

  private static JsonNode protector(ObjectNode doc, String kind) {
    for (JsonNode p : doc.get("protectors")) {
      if (kind.equals(p.path("kind").asText())) {
        return p;
      }
    }
    throw new IllegalStateException("no protector " + kind);
  }

  private static void putSealed(ObjectNode node, Aead.Sealed sealed, String field) {
    node.put("nonce", HexFormat.of().formatHex(sealed.nonce()));
    node.put(field, HexFormat.of().formatHex(sealed.ciphertext()));
  }

  private static Aead.Sealed sealed(JsonNode node, String field, String what) {
    try {
      return new Aead.Sealed(HexFormat.of().parseHex(node.path("nonce").asText()),
          HexFormat.of().parseHex(node.path(field).asText()));
    } catch (IllegalArgumentException e) {
      throw new KeysException(Kind.TAMPERED, "vault " + what + " is corrupted (not hexadecimal)");
    }
  }

  private static byte[] protectorAad(String vaultId, String kind) {
    return ("palisade-vault|v1|dek|" + vaultId + "|" + kind).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] entryAad(String vaultId, String name, String type) {
    return ("palisade-vault|v1|key|" + vaultId + "|" + name + "|" + type).getBytes(StandardCharsets.UTF_8);
  }

  private static EnvelopeType vkType(EnvelopeType skType) {
    return switch (skType) {
      case COLD_SIGNING_KEY -> EnvelopeType.COLD_VERIFICATION_KEY;
      case GENESIS_DELEGATE_SIGNING_KEY -> EnvelopeType.GENESIS_DELEGATE_VERIFICATION_KEY;
      case VRF_SIGNING_KEY -> EnvelopeType.VRF_VERIFICATION_KEY;
      case KES_SIGNING_KEY -> EnvelopeType.KES_VERIFICATION_KEY;
      default -> throw new IllegalArgumentException("not a signing key type: " + skType);
    };
  }

  private static void checkName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw KeysException.invalid("a vault key name is 1-64 of a-z 0-9 . _ - (starting with a letter or digit), was: \""
          + name + "\"");
    }
  }

  private static VaultInfo infoOf(Path dir, JsonNode doc) {
    List<String> protectors = new ArrayList<>();
    for (JsonNode p : doc.path("protectors")) {
      protectors.add(p.path("kind").asText());
    }
    List<VaultInfo.KeyInfo> keys = new ArrayList<>();
    for (String name : new TreeSet<>(fieldNames(doc.path("keys")))) {
      JsonNode e = doc.path("keys").get(name);
      keys.add(new VaultInfo.KeyInfo(name, e.path("type").asText(), e.path("verificationKey").asText(),
          instant(e.path("addedAt").asText())));
    }
    Optional<String> poolId = Optional.ofNullable(doc.path("keys").get("cold"))
        .map(c -> ColdVerificationKey.ofHex(c.path("verificationKey").asText()).poolId().hex());
    JsonNode state = doc.path("state");
    return new VaultInfo(dir.toString(), doc.path("vaultId").asText(), doc.path("network").asText(),
        instant(doc.path("createdAt").asText()), protectors, keys, poolId,
        state.path("lastIssuedCounter").isIntegralNumber()
            ? OptionalLong.of(state.get("lastIssuedCounter").asLong()) : OptionalLong.empty(),
        state.path("lastIssuedKesPeriod").isIntegralNumber()
            ? OptionalLong.of(state.get("lastIssuedKesPeriod").asLong()) : OptionalLong.empty());
  }

  private static List<String> fieldNames(JsonNode n) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : n.properties()) {
      out.add(e.getKey());
    }
    return out;
  }

  private static Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }
}
