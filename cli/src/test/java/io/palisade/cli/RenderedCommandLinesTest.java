package io.palisade.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.palisade.deploy.files.PoolFiles;
import io.palisade.deploy.model.PoolNames;
import io.palisade.deploy.model.PoolResources;
import io.palisade.deploy.model.RenderOptions;
import io.palisade.spec.PoolSpecLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every palisade command line the deployment renders (the agent sidecar, the schedule sidecar, the init step) is one
 * the palisade command accepts: a renamed flag in one module cannot silently break pods rendered by another.
 */
class RenderedCommandLinesTest {
  @Test
  void renderedPalisadeContainers_parseWithTheRealCommandTree() {
    PoolResources resources =
        PoolFiles.poolResources(new PoolSpecLoader().load(Path.of("..", "examples", "pool.yaml")), RenderOptions.defaults());
    List<Container> palisadeContainers = resources.all().stream()
        .filter(StatefulSet.class::isInstance)
        .map(StatefulSet.class::cast)
        .flatMap(s -> Stream.concat(s.getSpec().getTemplate().getSpec().getContainers().stream(),
            s.getSpec().getTemplate().getSpec().getInitContainers().stream()))
        .filter(c -> !c.getName().equals(PoolNames.CONTAINER_NODE))
        .toList();
    assertThat(palisadeContainers).extracting(Container::getName)
        .contains(PoolNames.CONTAINER_AGENT, PoolNames.CONTAINER_PREPARE, PoolNames.CONTAINER_SCHEDULE);
    for (Container c : palisadeContainers) {
      assertThatCode(() -> Main.commandLine().parseArgs(c.getArgs().toArray(String[]::new)))
          .as("container %s args %s", c.getName(), c.getArgs())
          .doesNotThrowAnyException();
    }
  }
}
