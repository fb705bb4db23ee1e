package io.palisade.agent.http;

import static io.palisade.agent.http.ServedScheduleFixture.agent;
import static io.palisade.agent.http.ServedScheduleFixture.get;
import static io.palisade.agent.http.ServedScheduleFixture.raw;
import static io.palisade.agent.http.ServedScheduleFixture.scheduleDir;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.agent.http.ServedScheduleFixture.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code GET /leader-schedule}: the agent hands out the schedule sidecar's files, and nothing else, whatever the
 * request's path says. Requests go over a raw socket so the client cannot normalise a hostile path away
 * ({@link ServedScheduleFixture}).
 */
@Timeout(60)
class ScheduleEndpointTest {
  private static final String SECRET = "VRF-SIGNING-KEY-BYTES";

  @TempDir Path tmp;

  @Test
  void listsAndServesTheEpochFiles_only() throws Exception {
    Path dir = scheduleDir(tmp);
    Files.writeString(dir.resolve("epoch-1235.json"), "{\"epoch\":1235}\n");
    Files.writeString(dir.resolve("epoch-1234.json"), "{\"epoch\":1234}\n");
    Files.writeString(dir.resolve(".epoch-1236.json.tmp"), "half written");
    Files.writeString(dir.resolve("notes.txt"), "not a schedule");
    try (AgentServer server = agent(Optional.of(new ScheduleFiles(dir)))) {
      assertThat(get(server, "/leader-schedule"))
          .isEqualTo(new Response(200, "[\"epoch-1234.json\",\"epoch-1235.json\"]\n"));
      assertThat(get(server, "/leader-schedule/epoch-1234.json")).isEqualTo(new Response(200, "{\"epoch\":1234}\n"));
      assertThat(get(server, "/leader-schedule/epoch-1237.json").code()).isEqualTo(404);
      assertThat(get(server, "/leader-schedule/notes.txt").code()).isEqualTo(404);
      assertThat(get(server, "/leader-schedule/.epoch-1236.json.tmp").code()).isEqualTo(404);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/leader-schedule/../secret/vrf.skey",
      "/leader-schedule/..%2fsecret%2fvrf.skey",
      "/leader-schedule/%2e%2e/secret/vrf.skey",
      "/leader-schedule/%2e%2e%2fsecret%2fvrf.skey",
      "/leader-schedule/epoch-1.json/../../secret/vrf.skey",
      "/leader-schedule//secret/vrf.skey",
      "/leader-schedule/epoch-7.json",
      "/leader-schedule/epoch-%37.json",
      "/leader-schedule/epoch-01.json",
      "/leader-schedule/epoch-1.json%00",
      "/leader-schedule/epoch-1.json/",
      "/leader-schedule/epoch--1.json",
      "/leader-schedule/EPOCH-1.JSON",
      "/leader-schedule/epoch-99999999999999999999.json",
      "/leader-schedule/%65poch-1.json",
      "/leader-schedule/subdir"})
  void hostileNames_areNotFound_andNeverReachAnotherFile(String path) throws Exception {
    Path dir = scheduleDir(tmp);
    Files.writeString(dir.resolve("epoch-1.json"), "{\"epoch\":1}\n");
    Path secrets = Files.createDirectories(tmp.resolve("secret"));
    Files.writeString(secrets.resolve("vrf.skey"), SECRET);
    // A link inside the directory, named as a schedule: the agent must not follow it out.
    Files.createSymbolicLink(dir.resolve("epoch-7.json"), secrets.resolve("vrf.skey"));
    Files.createDirectories(dir.resolve("subdir"));
    try (AgentServer server = agent(Optional.of(new ScheduleFiles(dir)))) {
      Response r = get(server, path);
      assertThat(r.code()).as(path).isIn(400, 404);
      assertThat(r.body()).doesNotContain(SECRET).doesNotContain("\"epoch\"");
      // The link is not listed either.
      assertThat(get(server, "/leader-schedule").body()).isEqualTo("[\"epoch-1.json\"]\n");
    }
  }

  @Test
  void anOversizedFile_isNotServed() throws Exception {
    Path dir = scheduleDir(tmp);
    Files.write(dir.resolve("epoch-3.json"), new byte[ScheduleFiles.MAX_BYTES + 1]);
    Files.write(dir.resolve("epoch-4.json"), new byte[ScheduleFiles.MAX_BYTES]);
    try (AgentServer server = agent(Optional.of(new ScheduleFiles(dir)))) {
      assertThat(get(server, "/leader-schedule/epoch-3.json").code()).isEqualTo(500);
      assertThat(get(server, "/leader-schedule/epoch-4.json").code()).isEqualTo(200);
    }
  }

  @Test
  void withoutASidecar_theEndpointIsNotFound_andAMissingDirectoryListsNothing() throws Exception {
    try (AgentServer server = agent(Optional.empty())) {
      assertThat(get(server, "/leader-schedule").code()).isEqualTo(404);
      assertThat(get(server, "/leader-schedule/epoch-1.json").code()).isEqualTo(404);
    }
    try (AgentServer server = agent(Optional.of(new ScheduleFiles(tmp.resolve("not-yet"))))) {
      assertThat(get(server, "/leader-schedule")).isEqualTo(new Response(200, "[]\n"));
      assertThat(get(server, "/leader-schedule/epoch-1.json").code()).isEqualTo(404);
    }
  }

  @Test
  void onlyGetAndHead() throws Exception {
    Path dir = scheduleDir(tmp);
    Files.writeString(dir.resolve("epoch-1.json"), "{}\n");
    try (AgentServer server = agent(Optional.of(new ScheduleFiles(dir)))) {
      assertThat(raw(server, "PUT", "/leader-schedule/epoch-1.json").code()).isEqualTo(405);
      assertThat(raw(server, "DELETE", "/leader-schedule/epoch-1.json").code()).isEqualTo(405);
      assertThat(raw(server, "HEAD", "/leader-schedule/epoch-1.json").code()).isEqualTo(200);
      assertThat(dir.resolve("epoch-1.json")).exists();
    }
  }

  @Test
  void namesAndEpochs() {
    assertThat(ScheduleFiles.nameOf(580)).isEqualTo("epoch-580.json");
    assertThat(ScheduleFiles.epochOf("epoch-580.json")).isEqualTo(580);
    assertThat(ScheduleFiles.NAME.matcher("epoch-0.json").matches()).isTrue();
    assertThat(ScheduleFiles.NAME.matcher("epoch-0580.json").matches()).isFalse();
  }
}
