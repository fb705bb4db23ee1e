package io.palisade.cli.chain;

import io.palisade.chain.ChainClock;
import io.palisade.chain.ChainTime;
import io.palisade.chain.GenesisParameters;
import io.palisade.chain.NetworkRef;
import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.cli.JsonOption;
import io.palisade.spec.binding.DurationText;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code palisade chain now}: slot, epoch and KES period now or at a given time. */
@Command(
    name = "now",
    mixinStandardHelpOptions = true,
    header = "Print the slot, epoch, slot in epoch, KES period and when the next KES period starts.",
    description = "Computed from the network's genesis and this machine's clock (or --at). On an offline machine"
        + " check the clock first: KES periods for operational certificates must come from a trusted clock.")
public final class ChainNowCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin JsonOption json;

  @Option(names = "--network", required = true, paramLabel = "NET",
      description = "mainnet, preprod, preview, or a path to a custom network directory.")
  String network;

  @Option(names = "--at", paramLabel = "TIME", description = "An ISO-8601 UTC time instead of now, e.g."
      + " 2025-01-01T00:00:00Z.")
  String at;

  /**
   * The answer for {@code --json}.
   *
   * @param network network name
   * @param networkMagic network magic
   * @param time the instant
   * @param slot absolute slot
   * @param epoch epoch
   * @param slotInEpoch slot within the epoch
   * @param era byron or shelley-based
   * @param kesPeriod current KES period
   * @param kesPeriodStart when the current KES period began
   * @param nextKesPeriodStart when the next KES period starts
   * @param slotsPerKesPeriod slots per KES period
   * @param maxKesEvolutions KES periods an operational certificate lasts
   */
  public record NowResult(
      String network,
      long networkMagic,
      Instant time,
      long slot,
      long epoch,
      long slotInEpoch,
      String era,
      long kesPeriod,
      Instant kesPeriodStart,
      Instant nextKesPeriodStart,
      long slotsPerKesPeriod,
      int maxKesEvolutions) {}

  @Override
  public Integer call() {
    GenesisParameters genesis = parseNetwork().genesis(Path.of("."));
    Instant time = parseTime();
    ChainClock clock = new ChainClock(genesis, Clock.fixed(time, ZoneOffset.UTC));
    if (time.isBefore(genesis.systemStart())) {
      throw new ExitException(ExitCodes.INVALID_INPUT,
          "--at " + at + " is before the system start of " + genesis.networkName() + " (" + genesis.systemStart() + ")");
    }
    ChainTime t = clock.now();
    NowResult result = new NowResult(
        genesis.networkName(), genesis.networkMagic(), t.time(), t.slot(), t.epoch(), t.slotInEpoch(),
        t.era().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), t.kesPeriod(),
        clock.startOfKesPeriod(t.kesPeriod()), t.nextKesPeriodStart(), genesis.slotsPerKesPeriod(),
        genesis.maxKesEvolutions());
    PrintWriter out = spec.commandLine().getOut();
    json.print(out, result, () -> {
      out.printf("network             %s (magic %d)%n", result.network(), result.networkMagic());
      out.printf("time                %s%n", result.time());
      out.printf("slot                %d%n", result.slot());
      out.printf("epoch               %d (slot %d in epoch)%n", result.epoch(), result.slotInEpoch());
      out.printf("KES period          %d (began %s)%n", result.kesPeriod(), result.kesPeriodStart());
      out.printf("next KES period     %s (in %s)%n", result.nextKesPeriodStart(),
          human(Duration.between(result.time(), result.nextKesPeriodStart())));
      out.flush();
    });
    return ExitCodes.OK;
  }

  private NetworkRef parseNetwork() {
    try {
      return NetworkRef.parse(network);
    } catch (IllegalArgumentException e) {
      throw new ExitException(ExitCodes.INVALID_INPUT, "--network " + e.getMessage());
    }
  }

  private Instant parseTime() {
    if (at == null) {
      return Instant.now();
    }
    try {
      return Instant.parse(at);
    } catch (DateTimeParseException e) {
      throw new ExitException(ExitCodes.INVALID_INPUT,
          "--at must be an ISO-8601 UTC time such as 2025-01-01T00:00:00Z, was: \"" + at + "\"");
    }
  }

  private static String human(Duration d) {
    return DurationText.approximate(d);
  }
}
