package io.palisade.deploy.output;

import java.util.Arrays;

/**
 * One file of a rendered pool. A final class because its bytes may be secret (the hot-key Secret when asked for).
 */
public final class RenderedFile {
  private final String path;
  private final byte[] bytes;
  private final boolean secret;

  /**
   * @param path path relative to the output directory, '/'-separated
   * @param bytes content (copied)
   * @param secret whether it holds key material (written owner-only)
   */
  public RenderedFile(String path, byte[] bytes, boolean secret) {
    this.path = path;
    this.bytes = bytes.clone();
    this.secret = secret;
  }

  /** The relative path. */
  public String path() {
    return path;
  }

  /** A copy of the content. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Whether the file holds key material. */
  public boolean secret() {
    return secret;
  }

  /** Overwrites the content with zeros. */
  void wipe() {
    Arrays.fill(bytes, (byte) 0);
  }

  @Override
  public String toString() {
    return path + (secret ? " (secret)" : " (" + bytes.length + " bytes)");
  }
}
