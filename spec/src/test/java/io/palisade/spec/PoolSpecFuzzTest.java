package io.palisade.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/** Whatever the bytes, loading a spec ends in a spec or an InvalidPoolSpecException with positions, never a crash. */
class PoolSpecFuzzTest {
  private static final String EXAMPLE = Examples.text("pool.yaml");
  private final PoolSpecLoader loader = new PoolSpecLoader();

  @Property(tries = 300)
  void arbitraryText_neverCrashes(@ForAll @StringLength(max = 400) String text) {
    assertLoadsOrExplains(text);
  }

  @Property(tries = 300)
  void mutatedExample_neverCrashes(
      @ForAll @IntRange(min = 0, max = 4000) int position,
      @ForAll("fragments") String fragment,
      @ForAll @IntRange(min = 0, max = 20) int deleted) {
    int at = Math.min(position, EXAMPLE.length());
    int end = Math.min(EXAMPLE.length(), at + deleted);
    assertLoadsOrExplains(EXAMPLE.substring(0, at) + fragment + EXAMPLE.substring(end));
  }

  @Provide
  Arbitrary<String> fragments() {
    return Arbitraries.of("", ":", "- ", "\n", "  ", "{", "}", "[", "]", "&a ", "*a", "!!binary ", "~", "'", "\"",
        "99999999999999999999", "-1", "0x10", "1e309", ".nan", "yes", "\t", "#", "---\n", "? ", "|\n", ">\n", "%");
  }

  private void assertLoadsOrExplains(String text) {
    try {
      loader.parse(text, "pool.yaml", Path.of("."));
    } catch (InvalidPoolSpecException e) {
      assertThat(e.errors()).isNotEmpty();
      assertThat(e.getMessage()).doesNotContain("Exception");
    }
  }
}
