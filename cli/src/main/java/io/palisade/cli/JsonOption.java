package io.palisade.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * The {@code --json} flag as a mixin: a command builds a result record, then prints it as JSON (for scripts) or as
 * text (for people). Progress never goes to stdout, so {@code --json} output stays parseable.
 */
public final class JsonOption {
  /**
   * The mapper every command's JSON goes through: ISO-8601 times, no nulls, indented. Built on first use, not when a
   * command tree holding the {@code --json} mixin is built: the agent sidecar builds its tree and runs for months
   * without ever writing command JSON, and the mapper's modules cost it some 500 classes.
   */
  public static ObjectMapper mapper() {
    return Holder.MAPPER;
  }

  private static final class Holder {
    static final ObjectMapper MAPPER = JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .addModule(new Jdk8Module())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .enable(SerializationFeature.INDENT_OUTPUT)
        .serializationInclusion(JsonInclude.Include.NON_NULL)
        .build();
  }

  @Option(names = "--json", description = "Print the result as JSON, for scripts.")
  boolean json;

  /** Whether JSON output was asked for. */
  public boolean enabled() {
    return json;
  }

  /**
   * Prints {@code result} as JSON if asked, else runs {@code text}.
   *
   * @param out standard output
   * @param result the result record
   * @param text prints the human form
   */
  public void print(PrintWriter out, Object result, Runnable text) {
    if (json) {
      out.println(toJson(result));
      out.flush();
    } else {
      text.run();
    }
  }

  /** Writes any result as JSON text. */
  public static String toJson(Object result) {
    try {
      return mapper().writeValueAsString(result);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write result as JSON", e);
    }
  }
}
