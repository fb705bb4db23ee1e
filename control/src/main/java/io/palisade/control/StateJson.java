package io.palisade.control;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.palisade.spec.NodeVersion;
import java.io.IOException;

/**
 * The JSON mapping of the runtime's files and of the control-plane API: ISO-8601 times and durations, node versions
 * as strings ({@code "10.5.3"}), no nulls written, unknown fields tolerated when reading (a newer Palisade may add
 * some), strict duplicate detection and nesting limits (the API reads outside input).
 */
public final class StateJson {
  /** The mapper. */
  public static final ObjectMapper MAPPER = build();

  private StateJson() {}

  private static ObjectMapper build() {
    SimpleModule versions = new SimpleModule("palisade-versions");
    versions.addSerializer(NodeVersion.class, new JsonSerializer<>() {
      @Override
      public void serialize(NodeVersion v, JsonGenerator g, SerializerProvider p) throws IOException {
        g.writeString(v.toString());
      }
    });
    versions.addDeserializer(NodeVersion.class, new JsonDeserializer<>() {
      @Override
      public NodeVersion deserialize(JsonParser p, DeserializationContext c) throws IOException {
        try {
          return NodeVersion.parse(p.getValueAsString(""));
        } catch (IllegalArgumentException e) {
          return (NodeVersion) c.handleWeirdStringValue(NodeVersion.class, p.getValueAsString(""), e.getMessage());
        }
      }
    });
    ObjectMapper m = JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .addModule(new Jdk8Module())
        .addModule(versions)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(SerializationFeature.INDENT_OUTPUT)
        .serializationInclusion(JsonInclude.Include.NON_NULL)
        .build();
    m.getFactory()
        .setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64)
            .maxStringLength(1_000_000).build())
        .configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true);
    return m;
  }
}
