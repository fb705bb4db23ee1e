package io.palisade.cli.console;

import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.console.audit.AuditCheckpoint;
import io.palisade.console.audit.AuditVerification;
import io.palisade.spec.AtomicFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code palisade audit-log checkpoint}: the head of a verified chain, as one JSON line to keep elsewhere. */
@Command(
    name = "checkpoint",
    mixinStandardHelpOptions = true,
    header = "Export the audit log's head (sequence number and hash) as a checkpoint to keep elsewhere.",
    description = {"Verifies the chain first (a broken chain gets no checkpoint, exit 1), then prints the checkpoint"
        + " as one JSON line, or writes it to --out. Keep it where this machine cannot reach it; later,"
        + " 'palisade audit-log verify --checkpoint FILE' proves the log still contains it."})
public final class AuditLogCheckpointCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConsoleDataOptions data;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the checkpoint to this file (atomically).")
  Path outFile;

  @Override
  public Integer call() {
    AuditVerification v = AuditLogs.verify(data, Optional.empty());
    if (!v.intact()) {
      throw new ExitException(ExitCodes.CHECK_FAILED, "no checkpoint: the audit log is broken at entry #"
          + v.firstBreak().map(b -> b.seq()).orElse(0L) + ": " + v.firstBreak().map(b -> b.reason()).orElse(""));
    }
    AuditCheckpoint cp = new AuditCheckpoint(v.head().seq(), v.head().hash(), Instant.now());
    PrintWriter out = spec.commandLine().getOut();
    if (outFile == null) {
      out.println(cp.toJson());
    } else {
      writeAtomically(outFile, cp.toJson() + "\n");
      spec.commandLine().getErr().println("palisade: checkpoint #" + cp.seq() + " written to " + outFile);
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static void writeAtomically(Path file, String text) {
    try {
      AtomicFile.write(file, text.getBytes(StandardCharsets.UTF_8), false);
    } catch (IOException e) {
      throw new ExitException(ExitCodes.INVALID_INPUT, e.getMessage(), e);
    }
  }
}
