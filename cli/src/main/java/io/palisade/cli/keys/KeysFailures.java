package io.palisade.cli.keys;

import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.keys.KeysException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;

/** Runs a keys command body, turning the keys module's failures into exit codes. */
final class KeysFailures {
  private KeysFailures() {}

  /** Calls {@code body}; a {@link KeysException} becomes an {@link ExitException} with the code for its kind. */
  static Integer run(Callable<Integer> body) throws Exception {
    try {
      return body.call();
    } catch (KeysException e) {
      throw new ExitException(code(e.kind()), e.getMessage(), e);
    } catch (UncheckedIOException | IOException e) {
      throw new ExitException(ExitCodes.INVALID_INPUT, e.getMessage(), e);
    }
  }

  /** The exit code of a kind of failure. */
  static int code(KeysException.Kind kind) {
    return switch (kind) {
      case INVALID_INPUT, WRONG_CREDENTIAL, TAMPERED -> ExitCodes.INVALID_INPUT;
      case REFUSED -> ExitCodes.REFUSED;
      case UNAVAILABLE -> ExitCodes.UNAVAILABLE;
      case CHECK_FAILED -> ExitCodes.CHECK_FAILED;
    };
  }
}
