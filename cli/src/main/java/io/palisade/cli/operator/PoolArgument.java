package io.palisade.cli.operator;

import io.palisade.deploy.model.PoolNames;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A StakePool named on the command line, {@code POOL [--namespace NAMESPACE]}: the k8s commands that read or ask one. */
public final class PoolArgument {
  @Parameters(paramLabel = "POOL", description = "The pool's name.")
  String pool;

  @Option(names = "--namespace", paramLabel = "NAMESPACE", description = "Its namespace (default: POOL-pool).")
  String namespace;

  /** The pool's name. */
  public String name() {
    return pool;
  }

  /** Its namespace: the one given, else the pool's default. */
  public String namespace() {
    return namespace == null ? PoolNames.namespaceOf(pool) : namespace;
  }
}
