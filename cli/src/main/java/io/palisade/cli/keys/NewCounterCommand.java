package io.palisade.cli.keys;

import io.palisade.cli.ExitCodes;
import io.palisade.spec.AtomicFile;
import io.palisade.keys.ColdVerificationKey;
import io.palisade.keys.IssueCounter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code palisade keys node new-counter}: a counter file set to a given number, as cardano-cli. */
@Command(
    name = "new-counter",
    mixinStandardHelpOptions = true,
    header = "Write an operational certificate issue counter with a given next number.")
public final class NewCounterCommand implements Callable<Integer> {
  @Mixin OutputFiles files;

  @Option(names = "--cold-verification-key-file", required = true, paramLabel = "FILE")
  Path coldVkey;

  @Option(names = "--counter-value", required = true, paramLabel = "N")
  long value;

  @Option(names = "--operational-certificate-issue-counter-file", required = true, paramLabel = "FILE")
  Path counter;

  @Override
  public Integer call() throws Exception {
    return KeysFailures.run(() -> {
      files.claim(new OutputFiles.Target("--operational-certificate-issue-counter-file", counter));
      IssueCounter c = new IssueCounter(value, ColdVerificationKey.read(coldVkey));
      AtomicFile.write(counter, c.toEnvelopeWithoutDescription().toBytes(), false);
      return ExitCodes.OK;
    });
  }
}
