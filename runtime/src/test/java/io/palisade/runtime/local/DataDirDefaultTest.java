package io.palisade.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which pool a command acts on when no --data-dir is given: the environment decides, as for every shell tool. */
class DataDirDefaultTest {
  @Test
  void homeFromTheEnvironment_notJavasUserHome() {
    // An operator who exported HOME (sudo -E, a service account's shell) must get that home's pool, not the one the
    // password database names.
    assertThat(DataDir.defaultRoot(Map.of("HOME", "/srv/pool-b")))
        .isEqualTo(Path.of("/srv/pool-b/.local/state/palisade"));
  }

  @Test
  void xdgStateHomeBeforeHome_palisadeDataDirBeforeBoth() {
    assertThat(DataDir.defaultRoot(Map.of("HOME", "/home/a", "XDG_STATE_HOME", "/var/state/a")))
        .isEqualTo(Path.of("/var/state/a/palisade"));
    assertThat(DataDir.defaultRoot(Map.of("HOME", "/home/a", "XDG_STATE_HOME", "/var/state/a",
        "PALISADE_DATA_DIR", "/data/pool"))).isEqualTo(Path.of("/data/pool"));
  }

  @Test
  void relativeOrBlankXdgStateHome_isIgnored() {
    // The XDG base directory specification: a relative path is invalid and must be ignored.
    assertThat(DataDir.defaultRoot(Map.of("HOME", "/home/a", "XDG_STATE_HOME", "state")))
        .isEqualTo(Path.of("/home/a/.local/state/palisade"));
    assertThat(DataDir.defaultRoot(Map.of("HOME", "/home/a", "XDG_STATE_HOME", " ")))
        .isEqualTo(Path.of("/home/a/.local/state/palisade"));
  }

  @Test
  void withoutHome_javasUserHomeIsTheLastResort() {
    assertThat(DataDir.defaultRoot(Map.of()))
        .isEqualTo(Path.of(System.getProperty("user.home"), ".local", "state", "palisade"));
  }
}
