package io.palisade.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/pool.schema.json is what 'palisade spec schema' prints; regenerate it when the records change. */
class SchemaDocTest {
  @Test
  void committedSchema_matchesTheRecords() throws Exception {
    Path doc = Examples.dir().resolveSibling("docs").resolve("pool.schema.json");
    assertThat(Files.readString(doc))
        .as("docs/pool.schema.json is stale: run ./palisade spec schema > docs/pool.schema.json")
        .isEqualTo(PoolSpecSchema.json());
  }
}
