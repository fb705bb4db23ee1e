package io.palisade.operator.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.palisade.deploy.RenderRefusedException;
import io.palisade.deploy.files.PoolFiles;
import io.palisade.deploy.model.PoolNames;
import io.palisade.deploy.model.RenderOptions;
import io.palisade.spec.InvalidPoolSpecException;
import io.palisade.spec.LoadedPoolSpec;
import io.palisade.spec.PoolSpecLoader;
import io.palisade.spec.binding.Problems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a StakePool with the rules of {@code pool.yaml}: the spec is written back as YAML and loaded by
 * {@link PoolSpecLoader}, so a resource gets exactly the errors the file would, each with its field path under
 * {@code spec.}. On top: the resource must be named like the pool and live in the pool's namespace, and the spec must
 * be renderable for Kubernetes (images by digest from the registry, Palisade's image, a known network).
 *
 * <pre>{@code
 * LoadedPoolSpec pool = PoolSpecCheck.check(stakePool, RenderOptions.defaults());   // or InvalidStakePoolException
 * }</pre>
 */
public final class PoolSpecCheck {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS))
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private PoolSpecCheck() {}

  /**
   * Checks a StakePool.
   *
   * @param pool the resource
   * @param options cluster facts (the render is tried with them)
   * @return the checked spec
   * @throws InvalidStakePoolException listing every error with its field path
   */
  public static LoadedPoolSpec check(StakePool pool, RenderOptions options) {
    String source = "StakePool " + pool.getMetadata().getNamespace() + "/" + pool.getMetadata().getName();
    if (pool.getSpec() == null) {
      throw new InvalidStakePoolException(List.of("spec: required"));
    }
    LoadedPoolSpec loaded;
    try {
      loaded = new PoolSpecLoader().parse(toYaml(pool.getSpec()), source, Path.of("").toAbsolutePath());
    } catch (InvalidPoolSpecException e) {
      throw new InvalidStakePoolException(e.errors().stream().map(PoolSpecCheck::line).toList());
    }
    List<String> errors = new ArrayList<>();
    PoolNames names = new PoolNames(loaded.spec());
    if (!loaded.spec().name().equals(pool.getMetadata().getName())) {
      errors.add("metadata.name: must be the pool's name \"" + loaded.spec().name() + "\" (spec.name), was: \""
          + pool.getMetadata().getName() + "\"");
    }
    if (!names.namespace().equals(pool.getMetadata().getNamespace())) {
      errors.add("metadata.namespace: must be the pool's namespace \"" + names.namespace() + "\", was: \""
          + pool.getMetadata().getNamespace() + "\"");
    }
    try {
      PoolFiles.poolResources(loaded, options).all();
    } catch (RenderRefusedException e) {
      errors.add("spec: " + e.getMessage());
    }
    if (!errors.isEmpty()) {
      throw new InvalidStakePoolException(errors);
    }
    return loaded;
  }

  /** A pool spec finding as a status line: {@code spec.relays[1].port: must be ...}. */
  static String line(Problems.Problem p) {
    return (p.path().isEmpty() ? "spec" : "spec." + p.path()) + ": " + p.message();
  }

  /**
   * The spec as {@code pool.yaml} text.
   *
   * @param spec the resource's spec
   * @return YAML
   */
  public static String toYaml(StakePoolSpec spec) {
    try {
      return YAML.writeValueAsString(spec);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the spec as YAML", e);
    }
  }

  /**
   * The StakePool spec of a {@code pool.yaml} (already checked by {@link PoolSpecLoader}): field for field.
   *
   * @param poolYaml the file's text
   * @return the spec
   * @throws IllegalArgumentException if the file has a field the StakePool does not (a Palisade bug: they must match)
   */
  public static StakePoolSpec fromYaml(String poolYaml) {
    try {
      return YAML.readValue(poolYaml, StakePoolSpec.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("pool.yaml does not map onto a StakePool: " + e.getOriginalMessage(), e);
    }
  }
}
