package io.palisade.deploy.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.deploy.Fixtures;
import io.palisade.deploy.model.RenderOptions;
import io.palisade.spec.LoadedPoolSpec;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A pool with a standby: the standby is rendered as a second block producer, private, and every relay peers both. */
class StandbyRenderTest {

  @Test
  void standby_isRenderedAsABlockProducer_andRelaysConnectToBothProducers() {
    LoadedPoolSpec loaded = Fixtures.preview();
    assertThat(loaded.spec().standbyRef()).isPresent();
    PoolRenderer.Rendered r = PoolRenderer.render(loaded, RenderOptions.defaults(), Optional.empty());
    Map<String, String> files = r.files().stream().collect(Collectors.toMap(RenderedFile::path,
        f -> new String(f.bytes(), StandardCharsets.UTF_8)));
    String bp = files.get("firewall/block-producer.nft");
    String standby = files.get("firewall/block-producer-standby.nft");
    assertThat(standby).as("the standby's host firewall is a block producer's: relays only")
        .isEqualTo(bp.replace("block-producer", "block-producer-standby"));
    assertThat(files.get("nodes/block-producer-standby/topology.json"))
        .as("a producer peers only with relays").isEqualTo(files.get("nodes/block-producer/topology.json"));
    assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("blockProducer.standby")
        .contains("single-host runtime only"));
  }
}
