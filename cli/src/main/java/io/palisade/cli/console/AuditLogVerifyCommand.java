package io.palisade.cli.console;

import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.cli.JsonOption;
import io.palisade.console.audit.AuditCheckpoint;
import io.palisade.console.audit.AuditVerification;
import io.palisade.spec.BoundedFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code palisade audit-log verify}: checks the whole chain and names the first broken entry. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    header = "Check the audit log's hash chain; name the first broken entry.",
    description = {"Checks every entry's number, link to the previous hash and own hash, and the recorded head."
        + " With --checkpoint, also checks that the log still contains a checkpoint exported earlier (which catches"
        + " a log rewritten with recomputed hashes).",
        "Reads one snapshot of the log, read-only, beside a running console (embedded SQLite or PostgreSQL); also"
            + " checks the head the console recorded beside its database (audit.head in --data-dir): a database behind"
            + " it was rolled back.",
        "Exit 0: intact. Exit 1: broken (the first broken entry is named)."})
public final class AuditLogVerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConsoleDataOptions data;

  @Mixin JsonOption json;

  @Option(names = "--checkpoint", paramLabel = "FILE", description = "A checkpoint from 'palisade audit-log checkpoint'.")
  Path checkpointFile;

  /**
   * The verdict for {@code --json}.
   *
   * @param intact whether the chain is sound
   * @param entries entries checked and sound (up to the first break)
   * @param headSeq the recorded head's sequence number
   * @param headHash the recorded head's hash
   * @param firstBrokenEntry the first broken entry, when broken
   * @param reason what is wrong with it, when broken
   * @param checkpointMatched whether the given checkpoint was found in the chain
   */
  public record VerifyResult(boolean intact, long entries, long headSeq, String headHash, Long firstBrokenEntry,
      String reason, Boolean checkpointMatched) {}

  @Override
  public Integer call() {
    Optional<AuditCheckpoint> checkpoint = Optional.ofNullable(checkpointFile).map(AuditLogVerifyCommand::read);
    AuditVerification v = AuditLogs.verify(data, checkpoint);
    VerifyResult result = new VerifyResult(v.intact(), v.entries(), v.head().seq(), v.head().hash(),
        v.firstBreak().map(b -> b.seq()).orElse(null), v.firstBreak().map(b -> b.reason()).orElse(null),
        checkpoint.isPresent() ? v.checkpointMatched() : null);
    PrintWriter out = spec.commandLine().getOut();
    json.print(out, result, () -> {
      if (v.intact()) {
        out.println("audit log intact: " + v.entries() + " entries, head #" + v.head().seq() + " " + v.head().hash()
            + (checkpoint.isPresent() ? "; contains checkpoint #" + checkpoint.get().seq() : ""));
      } else {
        out.println("audit log BROKEN at entry #" + result.firstBrokenEntry() + ": " + result.reason());
        out.println("(" + v.entries() + " entries before it are sound)");
      }
    });
    return v.intact() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
  }

  private static AuditCheckpoint read(Path file) {
    try {
      byte[] bytes;
      try {
        bytes = BoundedFile.read(file, 4096);
      } catch (NoSuchFileException e) {
        throw e;
      } catch (IOException e) {
        throw new ExitException(ExitCodes.INVALID_INPUT, file + " is not a checkpoint: it " + e.getMessage(), e);
      }
      return AuditCheckpoint.parse(new String(bytes, StandardCharsets.UTF_8).strip());
    } catch (IOException e) {
      throw new ExitException(ExitCodes.INVALID_INPUT, "cannot read " + file + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new ExitException(ExitCodes.INVALID_INPUT, file + ": " + e.getMessage(), e);
    }
  }
}
