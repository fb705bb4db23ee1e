package io.palisade.cli.spec;

import io.palisade.spec.PoolSpecSchema;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code palisade spec schema}: the JSON schema of pool.yaml, for editors and linters. */
@Command(
    name = "schema",
    mixinStandardHelpOptions = true,
    header = "Print the JSON schema of pool.yaml.",
    description = "Point yaml-language-server at it: '# yaml-language-server: $schema=pool.schema.json'.")
public final class SpecSchemaCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(PoolSpecSchema.json());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
