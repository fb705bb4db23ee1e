package io.palisade.cli.leader;

import io.palisade.chain.GenesisParameters;
import io.palisade.chain.GenesisReader;
import io.palisade.chain.InvalidGenesisException;
import io.palisade.chain.NetworkRef;
import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.cli.JsonOption;
import io.palisade.cli.node.ProducerNode;
import io.palisade.cli.DataDirOption;
import io.palisade.keys.KeysException;
import io.palisade.keys.PoolId;
import io.palisade.keys.SigningKey;
import io.palisade.keys.VrfSigningKey;
import io.palisade.keys.vrf.VrfEvaluator;
import io.palisade.leader.EpochNonce;
import io.palisade.leader.LeaderSchedule;
import io.palisade.leader.LeaderScheduleException;
import io.palisade.leader.LeaderSlot;
import io.palisade.leader.PraosEra;
import io.palisade.leader.ScheduleSummary;
import io.palisade.leader.Sigma;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import io.palisade.spec.binding.DurationText;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code palisade leader-schedule}: the slots a pool leads in an epoch. It first gathers the
 * {@link LeaderSchedule.Request} facts, online from the pool's own node ({@link NodeScheduleFacts}: nonce, stakes and
 * f over the node's socket, for {@code --epoch current|next|N}) or offline from flags ({@link #offlineFacts}), then
 * computes and prints ({@link #print}).
 */
@Command(
    name = "leader-schedule",
    mixinStandardHelpOptions = true,
    header = "Print the slots a pool leads in an epoch, from the pool's node or offline.",
    description = {
        "Checks every slot of the epoch with the pool's VRF key exactly as the node does (Praos: Babbage and Conway"
            + " epochs) and prints each slot the pool leads with its slot in epoch, UTC and local time, the expected"
            + " number of blocks and the pool's relative stake. Runs in a few hundred MiB.",
        "Online (the default): the epoch nonce, the pool's stake and the total active stake of the \"set\" snapshot"
            + " (\"mark\" for next epoch) and f are read from the node's socket: --socket-path, else the block"
            + " producer of the pool 'palisade up' runs in --data-dir (its socket and its hot keys), else"
            + " $CARDANO_NODE_SOCKET_PATH. --epoch next is refused (exit 3), with the time it becomes computable,"
            + " until the next epoch's nonce is fixed.",
        "Offline (any machine, no node): --epoch N --epoch-nonce HEX --pool-stake N --active-stake N --network NET"
            + " --vrf-signing-key-file F; the nonce is cardano-cli query protocol-state's epochNonce for that epoch,"
            + " the stakes those of the epoch's \"set\" snapshot (cardano-cli query stake-snapshot), in lovelace."})
public final class LeaderScheduleCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin JsonOption json;

  @Mixin DataDirOption dataDir;

  @Option(names = "--epoch", paramLabel = "EPOCH",
      description = "current, next or an epoch number (online: the node's current or next epoch); not with"
          + " --out-dir, which publishes both.")
  String epoch;

  @Option(names = "--out-dir", paramLabel = "DIR",
      description = "Publish instead of print: write the current epoch's schedule and, once its nonce is fixed,"
          + " the next one's to DIR/epoch-<N>.json (each exactly the --json output), atomically, keeping only those"
          + " two; with --socket-path, --network, the VRF key and --stake-pool-id or --op-cert-file.")
  Path outDir;

  @Option(names = "--watch",
      description = "With --out-dir: keep publishing, every --poll-interval, as the epochs change; wait (and say"
          + " so) while there is no VRF key; never give up on a node that does not answer.")
  boolean watch;

  @Option(names = "--poll-interval", paramLabel = "DURATION", defaultValue = "60s",
      description = "With --watch: how often the node is asked (default 60s).")
  String pollInterval;

  @Option(names = "--op-cert-file", paramLabel = "FILE",
      description = "With --out-dir: the pool's node.cert, the pool id read from it (instead of --stake-pool-id).")
  Path opCertFile;

  @Option(names = "--socket-path", paramLabel = "FILE",
      description = "The node's socket (default: the running block producer of the pool in --data-dir, else"
          + " $CARDANO_NODE_SOCKET_PATH).")
  Path socketPath;

  @Option(names = "--stake-pool-id", paramLabel = "ID",
      description = "The pool (hex or pool1...); default: the running block producer's.")
  PoolId stakePoolId;

  @Option(names = "--epoch-nonce", paramLabel = "HEX", description = "The epoch's nonce, 64 hex"
      + " digits.")
  String epochNonce;

  @Option(names = "--pool-stake", paramLabel = "LOVELACE",
      description = "The pool's stake in the epoch's set snapshot.")
  String poolStake;

  @Option(names = "--active-stake", paramLabel = "LOVELACE",
      description = "The total active stake of the same snapshot.")
  String activeStake;

  @Option(names = "--network", paramLabel = "NET",
      description = "mainnet, preprod, preview, or a path to a custom network directory (default online: the"
          + " network of the pool in --data-dir).")
  String network;

  @Option(names = "--vrf-signing-key-file", paramLabel = "FILE",
      description = "The pool's vrf.skey (cardano-cli text envelope); default online: the running block producer's.")
  Path vrfKeyFile;

  @Option(names = "--timezone", paramLabel = "ZONE", description = "The zone of the local time column (default:"
      + " this machine's), e.g. Europe/Berlin.")
  String timezone;

  /**
   * One leader slot in the JSON output.
   *
   * @param slot absolute slot
   * @param slotInEpoch slot in the epoch
   * @param utc start of the slot, UTC
   * @param local start of the slot in the local zone
   */
  public record SlotRow(long slot, long slotInEpoch, String utc, String local) {}

  /**
   * The {@code --json} result.
   *
   * @param network network name
   * @param source where the nonce and stakes came from: "offline", or the node asked
   * @param epoch the epoch
   * @param firstSlot its first slot
   * @param epochLength its slots
   * @param epochNonce the nonce used
   * @param poolStake the pool's stake (lovelace)
   * @param activeStake the active stake (lovelace)
   * @param sigma σ as a decimal
   * @param activeSlotCoefficient f as a fraction
   * @param expectedBlocks epochLength · (1 − (1 − f)^σ)
   * @param leaderSlotCount how many slots the pool leads
   * @param leaderSlots the slots
   */
  public record ScheduleResult(String network, String source, long epoch, long firstSlot, long epochLength, String epochNonce,
      BigInteger poolStake, BigInteger activeStake, double sigma, String activeSlotCoefficient,
      double expectedBlocks, long leaderSlotCount, List<SlotRow> leaderSlots) {}

  @Override
  public Integer call() {
    ZoneId zone = zone();
    if (outDir != null) {
      return publish(zone);
    }
    if (watch || opCertFile != null) {
      throw new ExitException(ExitCodes.INVALID_INPUT, "--watch and --op-cert-file go with --out-dir");
    }
    if (epoch == null) {
      throw new ExitException(ExitCodes.INVALID_INPUT, "--epoch is needed (current, next or a number), or --out-dir"
          + " to publish the current and the next epoch");
    }
    boolean offline = epochNonce != null || poolStake != null || activeStake != null;
    ProducerNode node = null;
    NetworkRef net;
    Path base;
    if (offline) {
      if (network == null || vrfKeyFile == null || socketPath != null || stakePoolId != null) {
        throw new ExitException(ExitCodes.INVALID_INPUT, "offline (--epoch-nonce, --pool-stake, --active-stake)"
            + " needs --network and --vrf-signing-key-file, and takes no --socket-path or --stake-pool-id");
      }
      net = parse(() -> NetworkRef.parse(network), "--network ");
      base = Path.of(".");
    } else {
      node = ProducerNode.resolve(new ProducerNode.Flags(socketPath, network,
          stakePoolId == null ? null : stakePoolId.hex(), "--stake-pool-id",
          vrfKeyFile, dataDir.root()), System.getenv());
      if (node.vrfKey().isEmpty()) {
        throw new ExitException(ExitCodes.INVALID_INPUT, "--vrf-signing-key-file is needed with " + node.source());
      }
      net = node.network();
      base = node.networkBase();
    }
    NetworkFacts facts = NetworkFacts.of(net, base);
    LeaderSchedule.Request request = offline ? offlineFacts(facts.genesis(), facts.firstPraos())
        : NodeScheduleFacts.read(node, facts.genesis(), facts.firstPraos(), epoch, zone, Clock.systemUTC());
    Path keyFile = offline ? vrfKeyFile : node.vrfKey().orElseThrow();
    ScheduleResult result = compute(net.toString(), offline ? "offline" : sourceOf(node), request, keyFile, zone,
        spec.commandLine().getErr());
    PrintWriter out = spec.commandLine().getOut();
    json.print(out, result, () -> ScheduleText.print(out, result, zone));
    return ExitCodes.OK;
  }

  /** {@code --out-dir}: the publishing mode, {@link SchedulePublisher}. */
  private int publish(ZoneId zone) {
    if (epoch != null || epochNonce != null || poolStake != null || activeStake != null) {
      throw new ExitException(ExitCodes.INVALID_INPUT, "--out-dir publishes the current and the next epoch from the"
          + " node: it takes no --epoch, --epoch-nonce, --pool-stake or --active-stake");
    }
    if (socketPath == null || network == null || vrfKeyFile == null || (stakePoolId == null) == (opCertFile == null)) {
      throw new ExitException(ExitCodes.INVALID_INPUT, "--out-dir needs --socket-path, --network,"
          + " --vrf-signing-key-file and one of --stake-pool-id or --op-cert-file");
    }
    NetworkRef net = parse(() -> NetworkRef.parse(network), "--network ");
    Duration poll = parse(() -> DurationText.parse(pollInterval), "--poll-interval: ");
    if (poll.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new ExitException(ExitCodes.INVALID_INPUT, "--poll-interval must be at least 1s, was: " + pollInterval);
    }
    SchedulePublisher.Settings settings = new SchedulePublisher.Settings(socketPath, net, Path.of("."),
        java.util.Optional.ofNullable(stakePoolId), java.util.Optional.ofNullable(opCertFile), vrfKeyFile, outDir,
        zone, poll);
    SchedulePublisher publisher = new SchedulePublisher(settings, spec.commandLine().getErr(), Clock.systemUTC(),
        SchedulePublisher.Pause.SLEEP);
    return watch ? publisher.watch() : publisher.once();
  }

  /** The {@code source} of an online schedule: the node asked. */
  static String sourceOf(ProducerNode node) {
    return node.source() + " (" + node.socket() + ")";
  }

  /**
   * The network's genesis and first Praos epoch.
   *
   * @param genesis the genesis
   * @param firstPraos the first epoch elected with Praos
   */
  record NetworkFacts(GenesisParameters genesis, long firstPraos) {
    static NetworkFacts of(NetworkRef net, Path base) {
      try {
        GenesisParameters genesis = net.genesis(base);
        return new NetworkFacts(genesis, PraosEra.firstPraosEpoch(genesis,
            GenesisReader.statedPraosEpoch(net.directory().map(base::resolve).orElse(null))));
      } catch (InvalidGenesisException | LeaderScheduleException e) {
        throw new ExitException(ExitCodes.INVALID_INPUT, e.getMessage(), e);
      }
    }
  }

  /**
   * Computes one epoch's schedule as {@code --json} prints it, progress on {@code err}: the one computation the
   * printing and the publishing modes share.
   */
  static ScheduleResult compute(String networkName, String source, LeaderSchedule.Request request, Path keyFile,
      ZoneId zone, PrintWriter err) {
    try (VrfSigningKey key = readVrfKey(keyFile); VrfEvaluator vrf = VrfEvaluator.of(key)) {
      List<LeaderSlot> slots = new ArrayList<>();
      ScheduleProgress progress = new ScheduleProgress(err, request.genesis().epochLength());
      ScheduleSummary summary = LeaderSchedule.compute(request, vrf, slots::add, progress::update);
      return result(networkName, source, request, summary, slots, zone);
    } catch (LeaderScheduleException e) {
      throw new ExitException(ExitCodes.INVALID_INPUT, e.getMessage(), e);
    }
  }

  /** The facts of the offline mode: every one from a flag (optional flags: the online mode reads them instead). */
  private LeaderSchedule.Request offlineFacts(GenesisParameters genesis, long firstPraos) {
    long epochNumber = epochNumber();
    if (epochNonce == null || poolStake == null || activeStake == null) {
      throw new ExitException(ExitCodes.INVALID_INPUT, "offline, --epoch-nonce, --pool-stake and --active-stake are"
          + " all needed (without any of them the facts are read from the node's socket)");
    }
    EpochNonce nonce = parse(() -> EpochNonce.parse(epochNonce), "--epoch-nonce: ");
    Sigma sigma = parse(() -> new Sigma(lovelace(poolStake, "--pool-stake"), lovelace(activeStake,
        "--active-stake")), "");
    return new LeaderSchedule.Request(epochNumber, nonce, sigma, genesis, firstPraos);
  }

  private long epochNumber() {
    String e = epoch.trim();
    if (e.equals("current") || e.equals("next")) {
      throw new ExitException(ExitCodes.INVALID_INPUT, "--epoch " + e + " is known to the node only: drop"
          + " --epoch-nonce, --pool-stake and --active-stake to read them from its socket, or give the epoch number");
    }
    try {
      long n = Long.parseLong(e);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException ex) {
      throw new ExitException(ExitCodes.INVALID_INPUT, "--epoch must be an epoch number, was: \"" + epoch + "\"");
    }
  }

  private static BigInteger lovelace(String value, String flag) {
    String v = value.trim();
    if (!v.matches("[0-9]{1,30}")) {
      throw new IllegalArgumentException(flag + " must be a whole number of lovelace, was: \"" + value + "\"");
    }
    return new BigInteger(v);
  }

  static VrfSigningKey readVrfKey(Path vrfKeyFile) {
    SigningKey key;
    try {
      key = SigningKey.read(vrfKeyFile);
    } catch (KeysException e) {
      throw new ExitException(ExitCodes.INVALID_INPUT, "--vrf-signing-key-file: " + e.getMessage(), e);
    }
    if (key instanceof VrfSigningKey vrf) {
      return vrf;
    }
    String type = key.type().type();
    key.close();
    throw new ExitException(ExitCodes.INVALID_INPUT, "--vrf-signing-key-file: " + vrfKeyFile + " holds a " + type
        + ", not a VRF signing key (VrfSigningKey_PraosVRF)");
  }

  private ZoneId zone() {
    if (timezone == null) {
      return ZoneId.systemDefault();
    }
    return parse(() -> ZoneId.of(timezone), "--timezone: not a time zone: ");
  }

  private static ScheduleResult result(String networkName, String source, LeaderSchedule.Request request,
      ScheduleSummary summary, List<LeaderSlot> slots, ZoneId zone) {
    List<SlotRow> rows = slots.stream().map(s -> new SlotRow(s.slot(), s.slotInEpoch(), s.start().toString(),
        s.start().atZone(zone).toOffsetDateTime().toString())).toList();
    ScheduleResult result = new ScheduleResult(networkName, source, summary.epoch(), summary.firstSlot(),
        summary.epochLength(), request.nonce().hex(), request.sigma().poolStake(), request.sigma().activeStake(),
        request.sigma().doubleValue(), summary.activeSlotCoefficient().toString(), summary.expectedBlocks(),
        summary.leaderSlots(), rows);
    return result;
  }

  static <T> T parse(java.util.function.Supplier<T> parser, String prefix) {
    try {
      return parser.get();
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      throw new ExitException(ExitCodes.INVALID_INPUT, prefix + e.getMessage(), e);
    }
  }
}
