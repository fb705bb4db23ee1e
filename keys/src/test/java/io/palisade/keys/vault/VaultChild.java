package io.palisade.keys.vault;

import io.palisade.keys.ColdSigningKey;
import io.palisade.keys.KeysException;
import io.palisade.keys.KeysException.Kind;
import io.palisade.keys.testing.TestVaults;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

/** Scenarios run in a child JVM by {@link Pkcs11VaultTest} and {@link VaultCrashTest}; prints one line per check. */
public final class VaultChild {
  private VaultChild() {}

  /**
   * {@code pkcs11 DIR LIBRARY PIN} or {@code crash-writer DIR}.
   *
   * @param args the scenario and its arguments
   */
  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "pkcs11" -> pkcs11(Path.of(args[1]), args[2], args[3].toCharArray());
      case "crash-writer" -> crashWriter(Path.of(args[1]));
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  private static void pkcs11(Path dir, String library, char[] pin) {
    VaultCredentials.Pkcs11Settings token = new VaultCredentials.Pkcs11Settings(library, 0);
    String poolId;
    try (VaultCredentials both = VaultCredentials.of(TestVaults.PASSPHRASE.toCharArray(), token, pin);
        Vault v = Vault.create(dir.resolve("both"), "preview", both, TestVaults.cheapKdf(), Clock.systemUTC());
        ColdSigningKey cold = ColdSigningKey.generate(new SecureRandom())) {
      v.put("cold", cold, false);
      poolId = cold.poolId().hex();
      System.out.println("CREATED " + poolId + " protectors=" + v.info().protectors());
      try (Pkcs11Token t = Pkcs11Token.login(library, 0, pin)) {
        System.out.println("NON_EXTRACTABLE " + t.isNonExtractable("palisade-vault-kek-" + v.vaultId()));
      }
    }
    try (VaultCredentials byToken = VaultCredentials.pkcs11(token, pin);
        Vault v = Vault.open(dir.resolve("both"), byToken, Clock.systemUTC());
        ColdSigningKey cold = v.coldKey("cold")) {
      System.out.println("OPEN_BY_TOKEN " + cold.poolId().hex().equals(poolId));
    }
    try (VaultCredentials byPass = VaultCredentials.passphrase(TestVaults.PASSPHRASE.toCharArray());
        Vault v = Vault.open(dir.resolve("both"), byPass, Clock.systemUTC());
        ColdSigningKey cold = v.coldKey("cold")) {
      System.out.println("OPEN_BY_PASSPHRASE " + cold.poolId().hex().equals(poolId));
    }
    try (VaultCredentials wrong = VaultCredentials.pkcs11(token, "000000".toCharArray())) {
      Vault.open(dir.resolve("both"), wrong, Clock.systemUTC()).close();
      System.out.println("WRONG_PIN accepted!");
    } catch (KeysException e) {
      System.out.println("WRONG_PIN " + e.kind() + " " + e.getMessage());
    }
    try (VaultCredentials byToken = VaultCredentials.pkcs11(token, pin)) {
      Vault.create(dir.resolve("token-only"), "preview", byToken, TestVaults.cheapKdf(), Clock.systemUTC()).close();
    }
    try (VaultCredentials byPass = VaultCredentials.passphrase(TestVaults.PASSPHRASE.toCharArray())) {
      Vault.open(dir.resolve("token-only"), byPass, Clock.systemUTC()).close();
      System.out.println("PASSPHRASE_ON_TOKEN_VAULT accepted!");
    } catch (KeysException e) {
      System.out.println("PASSPHRASE_ON_TOKEN_VAULT " + e.kind() + " " + e.getMessage());
    }
    try (VaultCredentials missing = VaultCredentials.pkcs11(
        new VaultCredentials.Pkcs11Settings("/nonexistent/libpkcs11.so", 0), pin)) {
      Vault.open(dir.resolve("token-only"), missing, Clock.systemUTC()).close();
    } catch (KeysException e) {
      System.out.println("MISSING_LIBRARY " + e.kind() + " " + e.getMessage());
    }
    System.out.println("DONE " + Kind.values().length);
  }

  private static void crashWriter(Path dir) {
    SecureRandom random = new SecureRandom();
    try (Vault v = Vault.exists(dir) ? TestVaults.open(dir) : TestVaults.create(dir, "preview")) {
      for (int i = v.names().size(); ; i++) {
        try (ColdSigningKey k = ColdSigningKey.generate(random)) {
          v.put("k-" + i, k, false);
        }
        v.recordIssued(i, i);
        System.out.println("SAVED " + (i + 1));
        System.out.flush();
      }
    }
  }
}
