package io.palisade.cli;

import io.palisade.chain.InvalidGenesisException;
import io.palisade.spec.InvalidPoolSpecException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns exceptions into a one-line message and an exit code. The stack trace is shown only with {@code --verbose}:
 * operators need the message, developers the trace.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    var err = cmd.getErr();
    int code;
    String message;
    if (ex instanceof ExitException e) {
      code = e.code();
      message = e.getMessage();
    } else if (ex instanceof InvalidPoolSpecException e) {
      code = ExitCodes.INVALID_INPUT;
      message = e.getMessage();
    } else if (ex instanceof InvalidGenesisException e) {
      code = ExitCodes.INVALID_INPUT;
      message = e.getMessage();
    } else if (ex instanceof UncheckedIOException e) {
      code = ExitCodes.INVALID_INPUT;
      message = e.getMessage();
    } else {
      code = ExitCodes.SOFTWARE;
      message = "internal error: " + ex + " (run again with --verbose and report it)";
    }
    if (message != null && !message.isEmpty()) {
      err.println(cmd.getColorScheme().errorText("palisade: " + message.replace("\n", "\npalisade: ")));
    }
    if (VerboseOption.given(parseResult)) {
      ex.printStackTrace(err);
    }
    err.flush();
    return code;
  }
}
