package io.palisade.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.control.ControlEvent.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Event reasons: stable CamelCase names, one per reason, each documented for users. */
class EventReasonTest {
  @Test
  void everyReason_hasAUniqueCamelCaseName_andItsSeverity() {
    assertThat(Arrays.stream(Reason.values()).map(Reason::wire)).doesNotHaveDuplicates()
        .allMatch(w -> w.matches("[A-Z][a-z]+([A-Z][a-z]+)+"));
    ControlEvent e = ControlEvent.of(Instant.EPOCH, Reason.ROLLOUT_ROLLED_BACK, null, "rolled back");
    assertThat(e.reason()).isEqualTo("RolloutRolledBack");
    assertThat(e.severity()).isEqualTo(ControlEvent.Severity.Warning);
    assertThat(Reason.NODE_STARTED.severity()).isEqualTo(ControlEvent.Severity.Normal);
  }

  // Scripts and alerts match on these names: docs/runtime.md (or docs/operator.md, for the operator's own) lists them.
  @Test
  void everyReason_isDocumented() throws Exception {
    Path here = Path.of("").toAbsolutePath();
    Path docs = Files.isDirectory(here.resolveSibling("docs")) ? here.resolveSibling("docs") : here.resolve("docs");
    String text = Files.readString(docs.resolve("runtime.md")) + Files.readString(docs.resolve("operator.md"));
    assertThat(Reason.values()).allSatisfy(r -> assertThat(text).as("docs mention `%s`", r.wire())
        .contains("`" + r.wire() + "`"));
  }
}
