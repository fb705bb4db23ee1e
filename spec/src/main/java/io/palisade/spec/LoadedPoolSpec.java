package io.palisade.spec;

import io.palisade.chain.GenesisParameters;
import io.palisade.spec.binding.Problems;
import java.nio.file.Path;
import java.util.List;

/**
 * A valid pool spec with what was learned loading it.
 *
 * @param spec the spec
 * @param source the file it came from, for messages
 * @param baseDir directory relative paths in the spec resolve against
 * @param genesis the network's genesis, already loaded and checked
 * @param warnings findings that do not stop the spec from being used
 */
public record LoadedPoolSpec(
    PoolSpec spec, String source, Path baseDir, GenesisParameters genesis, List<Problems.Problem> warnings) {

  /** Copies the warnings. */
  public LoadedPoolSpec {
    warnings = List.copyOf(warnings);
  }

  /** Resolves a path written in the spec against the spec's directory. */
  public Path resolve(String specPath) {
    return baseDir.resolve(specPath).normalize();
  }
}
