package io.palisade.spec;

import io.palisade.chain.GenesisParameters;
import io.palisade.spec.binding.FieldPath;
import io.palisade.spec.binding.Problems;
import io.palisade.spec.binding.RecordBinder;
import io.palisade.spec.yaml.SourceLocation;
import io.palisade.spec.yaml.YamlNode;
import io.palisade.spec.yaml.YamlSyntaxException;
import io.palisade.spec.yaml.YamlTreeReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Reads and checks {@code pool.yaml}.
 *
 * <pre>{@code
 * LoadedPoolSpec pool = new PoolSpecLoader().load(Path.of("pool.yaml"));
 * }</pre>
 *
 * Every problem in the file is reported at once, each with the field path and the line and column, in an
 * {@link InvalidPoolSpecException}.
 */
public final class PoolSpecLoader {
  private final YamlTreeReader reader = new YamlTreeReader();

  /**
   * Loads a spec file; relative paths inside it resolve against its directory.
   *
   * @param file pool.yaml
   * @return the checked spec
   * @throws InvalidPoolSpecException listing every error
   * @throws UncheckedIOException if the file cannot be read
   */
  public LoadedPoolSpec load(Path file) {
    String text;
    try {
      byte[] bytes;
      try {
        bytes = BoundedFile.read(file, YamlTreeReader.MAX_DOCUMENT_CHARS * 4);
      } catch (NoSuchFileException e) {
        throw e;
      } catch (IOException e) {
        throw invalid(file.toString(), "file " + e.getMessage() + " (a pool spec is a YAML text file)");
      }
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw invalid(file.toString(), "file is not UTF-8 text");
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException("no such file: " + file, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    Path dir = file.toAbsolutePath().getParent();
    return parse(text, file.toString(), dir);
  }

  /**
   * Parses spec text.
   *
   * @param text the YAML document
   * @param source name shown in messages
   * @param baseDir directory relative paths resolve against
   * @return the checked spec
   * @throws InvalidPoolSpecException listing every error
   */
  public LoadedPoolSpec parse(String text, String source, Path baseDir) {
    YamlNode root;
    try {
      root = reader.read(text);
    } catch (YamlSyntaxException e) {
      Problems p = new Problems();
      p.error("", e.location(), e.getMessage());
      throw new InvalidPoolSpecException(source, p.all());
    }
    Problems problems = new Problems();
    RecordBinder binder = new RecordBinder(problems);
    PoolSpec spec = binder.bindRoot(root, PoolSpec.class);
    Map<String, SourceLocation> locations = binder.locations();
    GenesisParameters genesis =
        new PoolSpecValidator(spec, baseDir, problems, path -> nearest(locations, path)).validate();
    List<Problems.Problem> sorted = problems.all().stream()
        .sorted(Comparator.comparingInt((Problems.Problem p) -> p.location().line())
            .thenComparingInt(p -> p.location().column()))
        .toList();
    if (problems.hasErrors()) {
      throw new InvalidPoolSpecException(source, sorted);
    }
    return new LoadedPoolSpec(spec, source, baseDir, genesis, sorted);
  }

  private static SourceLocation nearest(Map<String, SourceLocation> locations, String path) {
    String p = path;
    while (true) {
      SourceLocation at = locations.get(p);
      if (at != null) {
        return at;
      }
      if (p.isEmpty()) {
        return SourceLocation.UNKNOWN;
      }
      p = FieldPath.parent(p);
    }
  }

  private static InvalidPoolSpecException invalid(String source, String message) {
    Problems p = new Problems();
    p.error("", SourceLocation.UNKNOWN, message);
    return new InvalidPoolSpecException(source, p.all());
  }
}
