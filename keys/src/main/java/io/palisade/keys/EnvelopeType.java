package io.palisade.keys;

import java.util.Arrays;
import java.util.Optional;

/** The text-envelope types Palisade reads and writes, with the description cardano-cli gives each. */
public enum EnvelopeType {
  /** Cold signing key: a 32-byte Ed25519 seed. */
  COLD_SIGNING_KEY("StakePoolSigningKey_ed25519", "Stake Pool Operator Signing Key", 32),
  /** Cold verification key: a 32-byte Ed25519 public key. */
  COLD_VERIFICATION_KEY("StakePoolVerificationKey_ed25519", "Stake Pool Operator Verification Key", 32),
  /** Genesis delegate signing key: the same crypto as a cold key (custom testnets). */
  GENESIS_DELEGATE_SIGNING_KEY("GenesisDelegateSigningKey_ed25519", "Genesis delegate operator key", 32),
  /** Genesis delegate verification key. */
  GENESIS_DELEGATE_VERIFICATION_KEY("GenesisDelegateVerificationKey_ed25519", "Genesis delegate operator key", 32),
  /** Operational certificate issue counter. */
  ISSUE_COUNTER("NodeOperationalCertificateIssueCounter", "", -1),
  /** VRF signing key: seed ‖ public key, 64 bytes. */
  VRF_SIGNING_KEY("VrfSigningKey_PraosVRF", "VRF Signing Key", 64),
  /** VRF verification key, 32 bytes. */
  VRF_VERIFICATION_KEY("VrfVerificationKey_PraosVRF", "VRF Verification Key", 32),
  /** Sum6 KES signing key, 608 bytes. */
  KES_SIGNING_KEY("KesSigningKey_ed25519_kes_2^6", "KES Signing Key", 608),
  /** Sum6 KES verification key, 32 bytes. */
  KES_VERIFICATION_KEY("KesVerificationKey_ed25519_kes_2^6", "KES Verification Key", 32),
  /** Operational certificate. */
  OPERATIONAL_CERTIFICATE("NodeOperationalCertificate", "", -1);

  private final String type;
  private final String description;
  private final int rawLength;

  EnvelopeType(String type, String description, int rawLength) {
    this.type = type;
    this.description = description;
    this.rawLength = rawLength;
  }

  /** The {@code type} field. */
  public String type() {
    return type;
  }

  /** The {@code description} cardano-cli writes for a new file of this type. */
  public String description() {
    return description;
  }

  /** The length of the raw key inside the CBOR byte string, or -1 for structured payloads. */
  public int rawLength() {
    return rawLength;
  }

  /** Whether this type holds secret material. */
  public boolean isSecret() {
    return this == COLD_SIGNING_KEY || this == GENESIS_DELEGATE_SIGNING_KEY || this == VRF_SIGNING_KEY
        || this == KES_SIGNING_KEY;
  }

  /** Finds the type by its {@code type} field. */
  public static Optional<EnvelopeType> byType(String type) {
    return Arrays.stream(values()).filter(t -> t.type.equals(type)).findFirst();
  }
}
