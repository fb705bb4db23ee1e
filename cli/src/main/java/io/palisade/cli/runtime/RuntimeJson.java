package io.palisade.cli.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.palisade.control.StateJson;

/** The runtime's JSON output: the control plane's own mapping (versions as strings, ISO-8601 times). */
final class RuntimeJson {
  private RuntimeJson() {}

  static String write(Object value) {
    try {
      return StateJson.MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }
}
