package io.palisade.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The images' Dockerfiles keep their promises (no Docker engine here, so they are read, not built): multi-stage, the
 * node from source at the pinned tag, the final stage non-root with a numeric uid of 10000 or more, and nothing
 * written at start (exec-form entrypoint, no script).
 */
class DockerfilesTest {
  private static Path images() {
    return Fixtures.examples().resolveSibling("images");
  }

  @Test
  void cardanoNode_buildsTheTagFromSource_andRunsNonRoot() throws IOException {
    String dockerfile = Files.readString(images().resolve("cardano-node/Dockerfile"));
    assertThat(dockerfile).contains("AS build").contains("git clone https://github.com/IntersectMBO/cardano-node.git")
        .contains("checkout \"tags/${NODE_TAG}\"").contains("cabal build");
    assertFinalStageHardened(dockerfile, "ENTRYPOINT [\"/usr/local/bin/cardano-node\"]");
  }

  @Test
  void palisade_isBuiltFromThisRepository_andRunsNonRoot() throws IOException {
    String dockerfile = Files.readString(images().resolve("palisade/Dockerfile"));
    assertThat(dockerfile).contains("AS build").contains("mvn -B -q -pl cli -am -DskipTests package")
        .contains("jlink");
    assertFinalStageHardened(dockerfile, "ENTRYPOINT [\"/opt/java/bin/java\", \"-jar\", \"/opt/palisade/palisade.jar\"]");
  }

  @Test
  void palisade_shipsTheAgentJar_whereTheRenderedSidecarRunsIt() throws IOException {
    String dockerfile = Files.readString(images().resolve("palisade/Dockerfile"));
    assertThat(dockerfile).contains("cp cli/target/palisade-agent.jar /palisade-agent.jar")
        .contains("COPY --from=build /palisade-agent.jar " + io.palisade.deploy.model.AgentSidecar.AGENT_JAR);
    assertThat(dockerfile).contains("COPY --from=build /jre /opt/java");
    assertThat(io.palisade.deploy.model.AgentSidecar.JAVA).isEqualTo("/opt/java/bin/java");
  }

  private static void assertFinalStageHardened(String dockerfile, String entrypoint) {
    List<String> lines = dockerfile.lines().toList();
    int lastFrom = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("FROM ")) {
        lastFrom = i;
      }
    }
    List<String> finalStage = lines.subList(lastFrom, lines.size());
    assertThat(finalStage.get(0)).doesNotContain(" AS ");
    String user = finalStage.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElseThrow();
    String uid = user.substring(5).split(":")[0];
    assertThat(Integer.parseInt(uid)).isGreaterThanOrEqualTo(10000);
    assertThat(finalStage).contains(entrypoint);
    assertThat(finalStage).noneMatch(l -> l.startsWith("COPY") && l.contains(".sh"));
  }
}
