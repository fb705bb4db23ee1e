package io.palisade.keys.vault;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a vault file says about itself without being unlocked. Not authenticated until the vault is opened (the MAC
 * needs the data key); commands that act on these facts open the vault first.
 *
 * @param directory the vault directory
 * @param vaultId random id of this vault
 * @param network the network the vault's pool runs on
 * @param createdAt when the vault was created
 * @param protectors what can unlock it: "passphrase", "pkcs11"
 * @param keys the keys it holds
 * @param poolIdHex the pool id, if it holds a cold key named "cold"
 * @param lastIssuedCounter the last opcert counter issued from this vault
 * @param lastIssuedKesPeriod the KES start period of that opcert
 */
public record VaultInfo(
    String directory,
    String vaultId,
    String network,
    Instant createdAt,
    List<String> protectors,
    List<KeyInfo> keys,
    Optional<String> poolIdHex,
    OptionalLong lastIssuedCounter,
    OptionalLong lastIssuedKesPeriod) {

  /**
   * One key in the vault.
   *
   * @param name its name (e.g. "cold", "vrf")
   * @param type its text-envelope type
   * @param verificationKeyHex its public key
   * @param addedAt when it was put in the vault
   */
  public record KeyInfo(String name, String type, String verificationKeyHex, Instant addedAt) {}
}
