package io.palisade.keys.backup;

import com.codahale.shamir.Scheme;
import io.palisade.keys.Aead;
import io.palisade.keys.Argon2Kdf;
import io.palisade.spec.AtomicFile;
import io.palisade.keys.ColdSigningKey;
import io.palisade.keys.KeysException;
import io.palisade.keys.KeysException.Kind;
import io.palisade.keys.PoolId;
import io.palisade.keys.SigningKey;
import io.palisade.keys.vault.Vault;
import io.palisade.keys.vault.VaultCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * k-of-n geographic backups of a vault: a fresh 256-bit backup key seals the vault's keys, Shamir's scheme (GF(256),
 * com.codahale:shamir) splits the backup key into n shares, and the cold key signs each share (see
 * {@link BackupShare}). Restoring and drilling combine k verified shares in memory.
 */
public final class KeyBackup {
  private static final SecureRandom RANDOM = new SecureRandom();

  private KeyBackup() {}

  /**
   * One written share.
   *
   * @param index share number
   * @param label its place
   * @param jsonFile the machine-readable file
   * @param textFile the printable file
   */
  public record WrittenShare(int index, String label, Path jsonFile, Path textFile) {}

  /**
   * What a drill proved.
   *
   * @param poolIdHex the pool id the restored cold key hashes to
   * @param poolIdBech32 the same in bech32
   * @param setId the backup set
   * @param sharesUsed the shares combined (index and label)
   * @param threshold shares needed
   * @param total shares made
   * @param keyNames the keys the shares restore
   */
  public record DrillReport(String poolIdHex, String poolIdBech32, String setId, List<String> sharesUsed,
      int threshold, int total, List<String> keyNames) {}

  /**
   * Splits the vault's keys into {@code labels.size()} shares, any {@code threshold} of which restore them.
   *
   * @param vault the open vault (must hold "cold")
   * @param threshold k, at least 2
   * @param labels one place per share
   * @param outDir where to write share-I-of-N-PLACE.json and .txt (mode 0600)
   * @param clock time source
   * @return the files written
   */
  public static List<WrittenShare> create(Vault vault, int threshold, List<String> labels, Path outDir, Clock clock) {
    int total = labels.size();
    if (total < 2 || total > 255) {
      throw KeysException.invalid("--shares must be 2 to 255, was: " + total);
    }
    if (threshold < 2 || threshold > total) {
      throw KeysException.invalid("--threshold must be 2 to the number of shares (" + total + "), was: " + threshold);
    }
    for (String l : labels) {
      if (l.isBlank() || l.length() > 100) {
        throw KeysException.invalid("each --label names a place in 1-100 characters, was: \"" + l + "\"");
      }
    }
    if (!vault.contains("cold")) {
      throw KeysException.invalid("the vault holds no cold key (\"cold\"): there is nothing to back up");
    }
    for (int i = 1; i <= total; i++) {
      for (String ext : List.of(".json", ".txt")) {
        Path p = outDir.resolve(fileBase(i, total, labels.get(i - 1)) + ext);
        if (Files.exists(p)) {
          throw new KeysException(Kind.REFUSED, p + " already exists; choose an empty --out-dir (nothing written)");
        }
      }
    }
    byte[] setIdBytes = new byte[16];
    RANDOM.nextBytes(setIdBytes);
    String setId = HexFormat.of().formatHex(setIdBytes);
    byte[] backupKey = new byte[32];
    RANDOM.nextBytes(backupKey);
    Map<String, SigningKey> keys = new LinkedHashMap<>();
    List<WrittenShare> written = new ArrayList<>();
    try {
      for (String name : vault.names()) {
        keys.put(name, vault.get(name));
      }
      ColdSigningKey cold = (ColdSigningKey) keys.get("cold");
      Aead.Sealed sealed;
      try (BackupPayload payload = new BackupPayload(keys, vault.lastIssuedCounter(), lastPeriod(vault))) {
        byte[] plain = payload.encode();
        sealed = Aead.seal(backupKey, plain, aad(setId, cold.poolId()));
        Arrays.fill(plain, (byte) 0);
        Map<Integer, byte[]> parts = new Scheme(RANDOM, total, threshold).split(backupKey);
        Instant now = clock.instant();
        for (int i = 1; i <= total; i++) {
          String label = labels.get(i - 1);
          byte[] part = parts.get(i);
          try (BackupShare share = BackupShare.create(setId, now, vault.network(), cold, threshold, total, i, label,
              part, sealed)) {
            String base = fileBase(i, total, label);
            Path json = outDir.resolve(base + ".json");
            Path text = outDir.resolve(base + ".txt");
            if (Files.exists(json) || Files.exists(text)) {
              throw new KeysException(Kind.REFUSED, json + " already exists; choose an empty --out-dir");
            }
            try {
              AtomicFile.write(json, share.toJson(), true);
              AtomicFile.write(text, PrintableShare.encode(share).getBytes(StandardCharsets.UTF_8), true);
            } catch (IOException e) {
              throw new UncheckedIOException(e.getMessage(), e);
            }
            written.add(new WrittenShare(i, label, json, text));
          } finally {
            Arrays.fill(part, (byte) 0);
          }
        }
      }
      return written;
    } finally {
      Arrays.fill(backupKey, (byte) 0);
      keys.values().forEach(SigningKey::close);
    }
  }

  /**
   * Combines shares and decrypts the keys, in memory. The caller closes the result.
   *
   * @param shares the shares (not closed here)
   * @param expectedPool the pool the shares must belong to, if known
   * @throws KeysException TAMPERED for a corrupted share, INVALID_INPUT for too few or mixed shares, CHECK_FAILED if
   *     the keys do not hash to the pool id
   */
  public static BackupPayload combine(List<BackupShare> shares, Optional<PoolId> expectedPool) {
    if (shares.isEmpty()) {
      throw KeysException.invalid("no shares given");
    }
    for (BackupShare s : shares) {
      s.verify(expectedPool);
    }
    BackupShare first = shares.get(0);
    Map<Integer, BackupShare> byIndex = new HashMap<>();
    for (BackupShare s : shares) {
      if (!s.setId().equals(first.setId())) {
        throw KeysException.invalid(s.describe() + " is from another backup set (" + s.setId() + ") than "
            + first.describe() + " (" + first.setId() + "): use shares of one set");
      }
      if (byIndex.putIfAbsent(s.index(), s) != null) {
        throw KeysException.invalid("share " + s.index() + " was given twice");
      }
    }
    if (shares.size() < first.threshold()) {
      throw KeysException.invalid("need " + first.threshold() + " shares of set " + first.setId() + " to restore, got "
          + shares.size() + " (" + String.join(", ", shares.stream().map(s -> s.index() + " " + s.label()).toList())
          + ")");
    }
    Map<Integer, byte[]> parts = new HashMap<>();
    byte[] key = null;
    byte[] plain = null;
    try {
      for (BackupShare s : shares) {
        parts.put(s.index(), s.revealShare());
      }
      key = new Scheme(RANDOM, first.total(), first.threshold()).join(parts);
      PoolId pool = first.coldVerificationKey().poolId();
      plain = Aead.open(key, first.sealed(), aad(first.setId(), pool))
          .orElseThrow(() -> new KeysException(Kind.TAMPERED, "the shares do not combine to the key that sealed the"
              + " backup: a share was altered"));
      BackupPayload payload = BackupPayload.decode(plain);
      SigningKey cold = payload.keys().get("cold");
      if (!(cold instanceof ColdSigningKey c) || !c.poolId().equals(pool)) {
        payload.close();
        throw new KeysException(Kind.CHECK_FAILED, "the restored cold key does not hash to pool " + pool.hex());
      }
      return payload;
    } finally {
      parts.values().forEach(b -> Arrays.fill(b, (byte) 0));
      if (key != null) {
        Arrays.fill(key, (byte) 0);
      }
      if (plain != null) {
        Arrays.fill(plain, (byte) 0);
      }
    }
  }

  /**
   * Proves the shares restore the cold key: combines them in memory, derives the cold verification key and checks it
   * hashes to the pool id. Writes nothing.
   */
  public static DrillReport drill(List<BackupShare> shares, Optional<PoolId> expectedPool) {
    try (BackupPayload payload = combine(shares, expectedPool)) {
      ColdSigningKey cold = (ColdSigningKey) payload.keys().get("cold");
      PoolId pool = cold.verificationKey().poolId();
      BackupShare first = shares.get(0);
      return new DrillReport(pool.hex(), pool.bech32(), first.setId(),
          shares.stream().map(s -> s.index() + " (" + s.label() + ")").toList(), first.threshold(), first.total(),
          List.copyOf(payload.keys().keySet()));
    }
  }

  /**
   * Restores the keys from shares into a new vault protected by {@code creds}.
   *
   * @return the new vault, open
   */
  public static Vault restore(List<BackupShare> shares, Optional<PoolId> expectedPool, Path vaultDir,
      VaultCredentials creds, Argon2Kdf kdf, Clock clock) {
    if (Vault.exists(vaultDir)) {
      throw new KeysException(Kind.REFUSED, vaultDir + " already holds a vault; restore into a new directory");
    }
    try (BackupPayload payload = combine(shares, expectedPool)) {
      Vault vault = Vault.create(vaultDir, shares.get(0).network(), creds, kdf, clock);
      try {
        for (Map.Entry<String, SigningKey> e : payload.keys().entrySet()) {
          vault.put(e.getKey(), e.getValue(), false);
        }
        if (payload.lastIssuedCounter().isPresent()) {
          vault.recordIssued(payload.lastIssuedCounter().getAsLong(), payload.lastIssuedKesPeriod().orElse(0));
        }
        return vault;
      } catch (RuntimeException e) {
        vault.close();
        throw e;
      }
    }
  }

  private static java.util.OptionalLong lastPeriod(Vault vault) {
    return vault.info().lastIssuedKesPeriod();
  }

  private static byte[] aad(String setId, PoolId pool) {
    return ("palisade-backup|v1|" + setId + "|" + pool.hex()).getBytes(StandardCharsets.UTF_8);
  }

  private static String fileBase(int index, int total, String label) {
    return String.format(Locale.ROOT, "share-%d-of-%d-%s", index, total, slug(label));
  }

  private static String slug(String label) {
    String s = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    return s.isEmpty() ? "share" : s.substring(0, Math.min(s.length(), 40));
  }
}
