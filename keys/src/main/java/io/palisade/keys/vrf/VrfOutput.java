package io.palisade.keys.vrf;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A VRF output ("beta", 64 bytes): SHA-512(0x04 ‖ 0x03 ‖ encode(8·Gamma)). Cardano hashes it further for the leader
 * value and the nonce; it is public once the proof is.
 *
 * @param bytes the 64 bytes
 */
public record VrfOutput(byte[] bytes) {
  /** Output length in bytes. */
  public static final int BYTES = 64;

  /** Checks the length and copies. */
  public VrfOutput {
    if (bytes.length != BYTES) {
      throw new IllegalArgumentException("a VRF output is 64 bytes, was: " + bytes.length);
    }
    bytes = bytes.clone();
  }

  /** A copy of the bytes. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Lower-case hex. */
  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VrfOutput other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "VrfOutput[" + hex() + "]";
  }
}
