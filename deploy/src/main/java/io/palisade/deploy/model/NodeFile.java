package io.palisade.deploy.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A file a node needs beside its config.json (genesis files, checkpoints, the peer snapshot), opened on demand.
 *
 * @param name the file name the config or topology refers to
 * @param origin where the bytes come from, for messages
 * @param opener opens the content; the caller closes the stream
 */
public record NodeFile(String name, String origin, Opener opener) {
  /** Opens a file's content. */
  @FunctionalInterface
  public interface Opener {
    /**
     * @return a fresh stream the caller closes
     * @throws IOException if the content cannot be read
     */
    InputStream open() throws IOException;
  }

  /** Opens the content; the caller closes the stream. */
  public InputStream open() throws IOException {
    return opener.open();
  }

  /** Reads the whole content. */
  public byte[] readAllBytes() {
    try (InputStream in = opener.open()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name + " from " + origin, e);
    }
  }
}
