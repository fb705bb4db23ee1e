package io.palisade.keys.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.palisade.keys.Aead;
import io.palisade.keys.Argon2Kdf;
import io.palisade.keys.CanonicalJson;
import io.palisade.keys.ColdSigningKey;
import io.palisade.keys.ColdVerificationKey;
import io.palisade.keys.InputFile;
import io.palisade.keys.KeysException.Kind;
import io.palisade.keys.KeysException;
import io.palisade.keys.OperationalCertificate;
import io.palisade.keys.PoolId;
import io.palisade.keys.VersionedJson;
import io.palisade.keys.VrfSigningKey;
import io.palisade.keys.kes.KesSigningKey;
import io.palisade.keys.kes.Sum6Kes;
import io.palisade.spec.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The hot-key bundle: the only thing that crosses the air gap, offline to online. A JSON file whose header holds the
 * public facts (format version, network, pool id, cold verification key, the opcert as CBOR hex with its counter and
 * KES start period, KES and VRF verification keys, created-at, demo flag); the KES and VRF signing keys sealed with
 * AES-256-GCM under a key derived with Argon2id from a bundle passphrase; and the cold key's Ed25519 signature over
 * the canonical JSON ({@link CanonicalJson}) of everything else.
 *
 * <p>{@link #open} checks, in order: the cold key's signature; that the cold key hashes to the pool id (and to the
 * expected one, when given); that the opcert is the cold key's and matches the header; then decrypts, and checks the
 * decrypted keys match the opcert's KES key and the header's VRF key.
 *
 * <pre>{@code
 * BundleHeader h = HotKeyBundle.inspect(bundle);             // no passphrase
 * try (HotKeys keys = HotKeyBundle.open(bundle, passphrase, Optional.of(expectedPoolIdHex))) {
 *   keys.writeNodeFiles(ramDir);
 * }
 * }</pre>
 */
public final class HotKeyBundle {
  /** The format name. */
  public static final String FORMAT = "palisade-hot-key-bundle";
  private static final int MAX_FILE_BYTES = 1024 * 1024;
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private HotKeyBundle() {}

  /**
   * Builds, signs and writes a bundle (atomically, mode 0600; refuses to replace a file).
   *
   * @param out the bundle file
   * @param network the network the opcert is for
   * @param cold the cold key: signs the bundle; must be the opcert's
   * @param opcert the operational certificate for {@code kes}
   * @param kes the fresh KES key
   * @param vrf the VRF key
   * @param passphrase the bundle passphrase (not kept)
   * @param kdf Argon2id parameters for the passphrase
   * @param createdAt timestamp
   * @param demo mark as a throwaway demo bundle
   * @return the header written
   */
  public static BundleHeader write(Path out, String network, ColdSigningKey cold, OperationalCertificate opcert,
      KesSigningKey kes, VrfSigningKey vrf, char[] passphrase, Argon2Kdf kdf, Instant createdAt, boolean demo) {
    if (!opcert.coldVerificationKey().equals(cold.verificationKey())
        || !opcert.kesVerificationKey().equals(kes.verificationKey())) {
      throw new IllegalArgumentException("the opcert must be the cold key's, for this KES key");
    }
    if (Files.exists(out)) {
      throw new KeysException(Kind.REFUSED, out + " already exists; nothing written");
    }
    PoolId pool = cold.poolId();
    ObjectNode d = MAPPER.createObjectNode();
    d.put("format", FORMAT);
    d.put("version", 1);
    d.put("demo", demo);
    d.put("network", network);
    d.put("poolId", pool.hex());
    d.put("poolIdBech32", pool.bech32());
    d.put("coldVerificationKey", cold.verificationKey().hex());
    ObjectNode oc = d.putObject("operationalCertificate");
    oc.put("cborHex", opcert.cborHex());
    oc.put("counter", opcert.counter());
    oc.put("kesPeriod", opcert.kesPeriod());
    d.put("kesVerificationKey", kes.verificationKey().hex());
    d.put("vrfVerificationKey", vrf.verificationKey().hex());
    d.put("createdAt", createdAt.toString());
    byte[] plain = new byte[Sum6Kes.SIGNING_KEY_BYTES + 64];
    byte[] kesRaw = kes.revealBytes();
    byte[] vrfRaw = vrf.revealBytes();
    byte[] key = kdf.derive(passphrase);
    try {
      System.arraycopy(kesRaw, 0, plain, 0, kesRaw.length);
      System.arraycopy(vrfRaw, 0, plain, kesRaw.length, 64);
      Aead.Sealed sealed = Aead.seal(key, plain, aad(pool, opcert));
      ObjectNode s = d.putObject("sealed");
      s.put("cipher", "AES-256-GCM");
      s.set("kdf", kdf.toJson());
      s.put("nonce", HexFormat.of().formatHex(sealed.nonce()));
      s.put("ciphertext", HexFormat.of().formatHex(sealed.ciphertext()));
    } finally {
      Arrays.fill(plain, (byte) 0);
      Arrays.fill(kesRaw, (byte) 0);
      Arrays.fill(vrfRaw, (byte) 0);
      Arrays.fill(key, (byte) 0);
    }
    d.put("signature", HexFormat.of().formatHex(cold.sign(CanonicalJson.bytes(d))));
    byte[] bytes;
    try {
      bytes = MAPPER.writeValueAsBytes(d);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    try {
      AtomicFile.write(out, bytes, true);
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
    return header(d);
  }

  /**
   * Reads and authenticates a bundle's public header, without the passphrase.
   *
   * @throws KeysException INVALID_INPUT if malformed, TAMPERED if the signature or the opcert does not verify
   */
  public static BundleHeader inspect(Path file) {
    return verified(file, Optional.empty()).header;
  }

  /**
   * Opens a bundle: verifies it (see the class comment), then decrypts the hot keys.
   *
   * @param file the bundle
   * @param passphrase the bundle passphrase (not kept)
   * @param expectedPoolIdHex the pool the bundle must be for (hex or bech32), when known
   * @return the hot keys; the caller closes them
   * @throws KeysException TAMPERED if altered, CHECK_FAILED for another pool, WRONG_CREDENTIAL for a wrong passphrase
   */
  public static HotKeys open(Path file, char[] passphrase, Optional<String> expectedPoolIdHex) {
    Verified v = verified(file, expectedPoolIdHex.map(PoolId::parse));
    JsonNode s = v.doc.path("sealed");
    if (!"AES-256-GCM".equals(s.path("cipher").asText())) {
      throw KeysException.invalid(file + ": unsupported bundle cipher " + s.path("cipher"));
    }
    Argon2Kdf kdf = Argon2Kdf.fromJson(s.get("kdf"), file.toString());
    Aead.Sealed sealed;
    try {
      sealed = new Aead.Sealed(HexFormat.of().parseHex(s.path("nonce").asText()),
          HexFormat.of().parseHex(s.path("ciphertext").asText()));
    } catch (IllegalArgumentException e) {
      throw new KeysException(Kind.TAMPERED, file + ": sealed keys are not hexadecimal");
    }
    byte[] key = kdf.derive(passphrase);
    byte[] plain = null;
    try {
      plain = Aead.open(key, sealed, aad(v.opcert.poolId(), v.opcert))
          .orElseThrow(() -> new KeysException(Kind.WRONG_CREDENTIAL, "wrong passphrase for the hot-key bundle "
              + file));
      if (plain.length != Sum6Kes.SIGNING_KEY_BYTES + 64) {
        throw new KeysException(Kind.TAMPERED, file + ": sealed keys have the wrong size");
      }
      KesSigningKey kes = KesSigningKey.fromBytes(Arrays.copyOf(plain, Sum6Kes.SIGNING_KEY_BYTES), 0);
      VrfSigningKey vrf;
      try {
        byte[] vrfRaw = Arrays.copyOfRange(plain, Sum6Kes.SIGNING_KEY_BYTES, plain.length);
        vrf = VrfSigningKey.fromBytes(vrfRaw, file.toString());
        Arrays.fill(vrfRaw, (byte) 0);
      } catch (RuntimeException e) {
        kes.close();
        throw e;
      }
      if (!kes.verificationKey().equals(v.opcert.kesVerificationKey())
          || !vrf.verificationKey().hex().equals(v.header.vrfVerificationKeyHex())) {
        kes.close();
        vrf.close();
        throw new KeysException(Kind.TAMPERED, file + ": the sealed keys do not match the opcert and VRF key");
      }
      return new HotKeys(v.header, v.opcert, kes, vrf);
    } finally {
      Arrays.fill(key, (byte) 0);
      if (plain != null) {
        Arrays.fill(plain, (byte) 0);
      }
    }
  }

  private record Verified(ObjectNode doc, BundleHeader header, OperationalCertificate opcert) {}

  private static Verified verified(Path file, Optional<PoolId> expected) {
    ObjectNode doc = read(file);
    ColdVerificationKey cold;
    byte[] sig;
    try {
      cold = ColdVerificationKey.ofHex(doc.path("coldVerificationKey").asText());
      sig = HexFormat.of().parseHex(doc.path("signature").asText());
    } catch (RuntimeException e) {
      throw new KeysException(Kind.TAMPERED, file + ": the cold key or signature is malformed");
    }
    ObjectNode unsigned = doc.deepCopy();
    unsigned.remove("signature");
    if (!cold.verify(CanonicalJson.bytes(unsigned), sig)) {
      throw new KeysException(Kind.TAMPERED, file + " was altered or is not signed by its cold key: the signature"
          + " does not verify. Do not use it; make a new bundle on the offline machine.");
    }
    BundleHeader header = header(doc);
    PoolId pool = cold.poolId();
    if (!pool.hex().equals(header.poolIdHex())) {
      throw new KeysException(Kind.TAMPERED, file + ": its cold key does not hash to its pool id");
    }
    if (expected.isPresent() && !expected.get().equals(pool)) {
      throw new KeysException(Kind.CHECK_FAILED, file + " is for pool " + pool.hex() + ", not the expected "
          + expected.get().hex());
    }
    OperationalCertificate opcert;
    try {
      opcert = OperationalCertificate.fromCbor(
          HexFormat.of().parseHex(doc.path("operationalCertificate").path("cborHex").asText()), file.toString());
    } catch (IllegalArgumentException e) {
      throw KeysException.invalid(file + ": the opcert is not hexadecimal");
    }
    if (!opcert.coldVerificationKey().equals(cold) || !opcert.verify()) {
      throw new KeysException(Kind.TAMPERED, file + ": the opcert is not signed by the bundle's cold key");
    }
    if (opcert.counter() != header.opcertCounter() || opcert.kesPeriod() != header.kesStartPeriod()
        || !opcert.kesVerificationKey().hex().equals(header.kesVerificationKeyHex())) {
      throw new KeysException(Kind.TAMPERED, file + ": the header's counter, KES period or KES key disagree with"
          + " the opcert");
    }
    return new Verified(doc, header, opcert);
  }

  private static ObjectNode read(Path file) {
    byte[] bytes = InputFile.read(file, MAX_FILE_BYTES, "hot-key bundle");
    ObjectNode node = VersionedJson.read(bytes, file.toString(), FORMAT, "hot-key bundle", "bundle",
        List.of("network", "poolId", "coldVerificationKey", "kesVerificationKey", "vrfVerificationKey", "createdAt",
            "signature"));
    JsonNode oc = node.path("operationalCertificate");
    if (!oc.path("cborHex").isTextual() || !oc.path("counter").isIntegralNumber()
        || !oc.path("kesPeriod").isIntegralNumber() || !node.path("sealed").isObject()
        || !node.path("demo").isBoolean()) {
      throw KeysException.invalid(file + ": hot-key bundle is incomplete (truncated or corrupted?)");
    }
    return node;
  }

  private static BundleHeader header(JsonNode d) {
    Instant created;
    try {
      created = Instant.parse(d.path("createdAt").asText());
    } catch (DateTimeParseException e) {
      throw KeysException.invalid("hot-key bundle has an invalid createdAt");
    }
    JsonNode oc = d.path("operationalCertificate");
    return new BundleHeader(d.path("version").asInt(), d.path("network").asText(), d.path("poolId").asText(),
        d.path("poolIdBech32").asText(), d.path("coldVerificationKey").asText(), oc.path("counter").asLong(),
        oc.path("kesPeriod").asLong(), d.path("kesVerificationKey").asText(), d.path("vrfVerificationKey").asText(),
        created, d.path("demo").asBoolean());
  }

  private static byte[] aad(PoolId pool, OperationalCertificate opcert) {
    return ("palisade-hot-key-bundle|v1|" + pool.hex() + "|" + opcert.cborHex()).getBytes(StandardCharsets.UTF_8);
  }
}
