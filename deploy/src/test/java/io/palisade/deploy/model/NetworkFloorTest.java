package io.palisade.deploy.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.chain.KnownNetwork;
import io.palisade.chain.NetworkRef;
import io.palisade.deploy.RenderRefusedException;
import io.palisade.deploy.files.PoolFiles;
import io.palisade.spec.NodeVersion;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The floor of configurable node versions comes from the bundled official sets, and render refuses below it. */
class NetworkFloorTest {
  @Test
  void floor_isTheOldestBundledMinNodeVersion_ofEachPublicNetwork() {
    for (KnownNetwork n : KnownNetwork.values()) {
      assertThat(NetworkEnvironment.floor(NetworkRef.of(n)).orElseThrow().oldest())
          .isEqualTo(NetworkEnvironment.officialSets(n).get(0).minNodeVersion());
    }
    assertThat(NetworkEnvironment.floor(NetworkRef.parse("./my-testnet"))).isEmpty();
  }

  @Test
  void render_refusesBelowTheFloor_withTheFloorsWords() {
    NetworkRef preview = NetworkRef.of(KnownNetwork.PREVIEW);
    String why = NetworkEnvironment.floor(preview).orElseThrow().refusal(NodeVersion.parse("9.0.0")).orElseThrow();
    assertThatThrownBy(() -> PoolFiles.environment(preview, Path.of("."), NodeVersion.parse("9.0.0")))
        .isInstanceOf(RenderRefusedException.class).hasMessage(why + "; upgrade node.version");
  }
}
