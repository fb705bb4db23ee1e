package io.palisade.agent.http;

import io.palisade.agent.AgentConfig;
import io.palisade.agent.HealthJudge;
import io.palisade.agent.NodeWatcher;
import io.palisade.agent.metrics.MetricsSource;
import io.palisade.agent.metrics.NodeMetrics;
import io.palisade.agent.metrics.ScrapeException;
import io.palisade.chain.ChainClock;
import io.palisade.chain.GenesisParameters;
import io.palisade.chain.KnownNetwork;
import io.palisade.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The served-schedule fixture of the agent's tests, one home: an agent on loopback whose node never answers (what it
 * serves from the schedule sidecar's directory does not depend on the node), the sidecar's files as
 * {@code palisade leader-schedule --json} writes them, and requests sent over a raw socket so that no client
 * normalises a hostile path away.
 */
final class ServedScheduleFixture {
  /** The agents' network: preview (epochs of 86,400 one-second slots from 2022-10-25). */
  static final GenesisParameters GENESIS = KnownNetwork.PREVIEW.genesis();
  /** The time an agent is started at unless a test gives its own clock. */
  static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

  /** One answer: its status code and body. */
  record Response(int code, String body) {}

  private ServedScheduleFixture() {}

  /** The schedule directory under a test's temporary directory, created. */
  static Path scheduleDir(Path tmp) throws IOException {
    return Files.createDirectories(tmp.resolve("schedule"));
  }

  /** An agent on {@link #GENESIS}, its clock stopped at {@link #NOW}. */
  static AgentServer agent(Optional<ScheduleFiles> schedules) throws IOException {
    return agent(schedules, MutableClock.stoppedAt(NOW));
  }

  /**
   * An agent on {@link #GENESIS} whose node is down, serving {@code schedules}.
   *
   * @param schedules the sidecar's directory, or empty (no sidecar)
   * @param clock the agent's clock
   * @return the running agent
   */
  static AgentServer agent(Optional<ScheduleFiles> schedules, Clock clock) throws IOException {
    MetricsSource down = new MetricsSource() {
      @Override
      public NodeMetrics scrape() throws ScrapeException {
        throw new ScrapeException("connection refused");
      }

      @Override
      public String describe() {
        return "a node that is down";
      }
    };
    NodeWatcher watcher = new NodeWatcher(down, Optional.empty(), Optional.empty(),
        new HealthJudge(AgentConfig.defaults()), new ChainClock(GENESIS, clock));
    return AgentServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), watcher,
        Duration.ofSeconds(10), schedules);
  }

  /**
   * An epoch's schedule as {@code palisade leader-schedule --epoch N --json} prints it on {@link #GENESIS}.
   *
   * @param epoch the epoch
   * @param slotsInEpoch the pool's leader slots, as positions in the epoch
   * @return the JSON text
   */
  static String scheduleJson(long epoch, long... slotsInEpoch) {
    ChainClock chain = new ChainClock(GENESIS, Clock.systemUTC());
    long first = chain.firstSlotOfEpoch(epoch);
    StringJoiner rows = new StringJoiner(",\n    ", "[\n    ", "\n  ]");
    for (long s : slotsInEpoch) {
      String utc = chain.startOfSlot(first + s).toString();
      rows.add("{\"slot\": " + (first + s) + ", \"slotInEpoch\": " + s + ", \"utc\": \"" + utc + "\", \"local\": \""
          + utc + "\"}");
    }
    return "{\n  \"network\": \"preview\",\n  \"source\": \"node at /ipc/node.socket\",\n  \"epoch\": " + epoch
        + ",\n  \"firstSlot\": " + first + ",\n  \"epochLength\": " + GENESIS.epochLength()
        + ",\n  \"epochNonce\": \"" + "ab".repeat(32) + "\",\n  \"poolStake\": 123456789012345678901234567890,"
        + "\n  \"activeStake\": 987654321098765432109876543210,\n  \"sigma\": 0.000125,"
        + "\n  \"activeSlotCoefficient\": \"1/20\",\n  \"expectedBlocks\": 0.54,\n  \"leaderSlotCount\": "
        + slotsInEpoch.length + ",\n  \"leaderSlots\": " + (slotsInEpoch.length == 0 ? "[]" : rows.toString())
        + "\n}\n";
  }

  /** Writes an epoch's schedule into the directory under its served name. */
  static Path writeSchedule(Path dir, long epoch, long... slotsInEpoch) throws IOException {
    return Files.writeString(dir.resolve(ScheduleFiles.nameOf(epoch)), scheduleJson(epoch, slotsInEpoch));
  }

  /** A GET, with the path exactly as given. */
  static Response get(AgentServer server, String path) throws IOException {
    return raw(server, "GET", path);
  }

  /** One HTTP/1.1 request with the path exactly as given. */
  static Response raw(AgentServer server, String method, String path) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort())) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write((method + " " + path + " HTTP/1.1\r\nHost: agent\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      String text = all.toString(StandardCharsets.UTF_8);
      int code = Integer.parseInt(text.substring(9, 12));
      int bodyAt = text.indexOf("\r\n\r\n");
      return new Response(code, bodyAt < 0 ? "" : text.substring(bodyAt + 4));
    }
  }
}
