package io.palisade.chain;

/** A genesis file or network directory that cannot drive the chain clock. The message names the file and field. */
public class InvalidGenesisException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message what is wrong, naming the file and field */
  public InvalidGenesisException(String message) {
    super(message);
  }

  /**
   * @param message what is wrong, naming the file
   * @param cause the parser's error
   */
  public InvalidGenesisException(String message, Throwable cause) {
    super(message, cause);
  }
}
