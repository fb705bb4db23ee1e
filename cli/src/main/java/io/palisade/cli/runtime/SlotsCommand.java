package io.palisade.cli.runtime;

import io.palisade.chain.ChainClock;
import io.palisade.chain.NetworkRef;
import io.palisade.cli.DataDirOption;
import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.cli.JsonOption;
import io.palisade.control.slots.ActionSpan;
import io.palisade.control.slots.ConditionChange;
import io.palisade.control.slots.EpochCounts;
import io.palisade.control.slots.EpochSlots;
import io.palisade.control.slots.EpochSummary;
import io.palisade.control.slots.SlotClassification;
import io.palisade.control.slots.SlotVerdict;
import io.palisade.runtime.local.DataDir;
import io.palisade.runtime.local.PoolRecord;
import io.palisade.runtime.slots.SlotLedger;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code palisade slots}: the slot ledger of the pool on this machine, one epoch at a time. */
@Command(
    name = "slots",
    mixinStandardHelpOptions = true,
    header = "Show each leader slot of an epoch with its verdict: adopted, lost, or missed and why.",
    description = {"Reads the slot ledger 'palisade up' keeps in the data directory (no control plane needed).",
        "Exit 0, 1 when a slot was missed during a Palisade action, 2 for an epoch the ledger does not hold (or a"
            + " damaged ledger file, named), 4 when there is no ledger."})
public final class SlotsCommand implements Callable<Integer> {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  @Spec CommandSpec spec;

  @Mixin DataDirOption dataDir;

  @Mixin JsonOption json;

  @Option(names = "--epoch", paramLabel = "N", description = "The epoch (default: the newest in the ledger).")
  Long epoch;

  /** One slot as printed. */
  record SlotRow(long slot, Long slotInEpoch, Instant time, SlotVerdict verdict, String because,
      SlotClassification decision) {}

  /** The command's JSON: a whole epoch, or a compacted one's counts. */
  record EpochView(long epoch, boolean compacted, boolean scheduleKnown, String summary, Map<SlotVerdict, Integer> counts,
      List<SlotRow> slots, List<ConditionChange> timeline, List<ActionSpan> actions) {}

  @Override
  public Integer call() {
    try {
      return show();
    } catch (IOException e) {
      // A damaged ledger file: its name is in the message; nothing is changed.
      throw new ExitException(ExitCodes.INVALID_INPUT, e.getMessage(), e);
    }
  }

  private int show() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    Path root = dataDir.root();
    if (!Files.isDirectory(root.resolve("slots"))) {
      throw new ExitException(ExitCodes.UNAVAILABLE, "no slot ledger in " + root + ": 'palisade up' keeps it while"
          + " it runs the pool");
    }
    DataDir dir = new DataDir(root);
    SlotLedger ledger = new SlotLedger(dir);
    long n = epoch != null ? epoch : ledger.newestEpoch().orElseThrow(() -> new ExitException(ExitCodes.UNAVAILABLE,
        "the slot ledger in " + root + " holds no epoch yet"));
    Optional<ChainClock> chain = chainOf(dir);
    ZoneId zone = ZoneId.systemDefault();
    EpochView view;
    Optional<EpochSlots> whole = ledger.epoch(n);
    if (whole.isPresent()) {
      view = view(whole.get(), chain, zone);
    } else {
      Optional<EpochCounts> counts = ledger.compacted().stream().filter(x -> x.epoch() == n).findFirst();
      if (counts.isEmpty()) {
        throw new ExitException(ExitCodes.INVALID_INPUT, "the slot ledger holds no epoch " + n + " (epochs "
            + held(ledger) + ")");
      }
      EpochCounts c = counts.get();
      view = new EpochView(n, true, true, countsLine(c), c.counts(), List.of(), List.of(), List.of());
    }
    if (json.enabled()) {
      out.println(JsonOption.mapper().writeValueAsString(view));
    } else {
      print(out, view, zone);
    }
    out.flush();
    return view.counts().getOrDefault(SlotVerdict.MISSED_PALISADE_ACTION, 0) > 0 ? ExitCodes.CHECK_FAILED
        : ExitCodes.OK;
  }

  private static EpochView view(EpochSlots e, Optional<ChainClock> chain, ZoneId zone) {
    List<SlotRow> rows = new ArrayList<>();
    for (long s : e.scheduled()) {
      Optional<SlotClassification> d = e.verdict(s);
      rows.add(new SlotRow(s, chain.map(c -> c.slotInEpoch(s)).orElse(null), chain.map(c -> c.startOfSlot(s))
          .orElse(null), d.map(SlotClassification::verdict).orElse(null), d.map(SlotClassification::because)
          .orElse(null), d.orElse(null)));
    }
    EpochSummary summary = EpochSummary.of(e, s -> chain.map(c -> c.startOfSlot(s)).orElse(Instant.EPOCH), zone);
    return new EpochView(e.epoch(), false, e.scheduleKnown(), summary.line(), summary.counts(), rows, e.timeline(),
        e.actions());
  }

  private static String countsLine(EpochCounts c) {
    StringBuilder b = new StringBuilder("epoch " + c.epoch() + " (compacted: counts only): " + c.scheduled()
        + " scheduled");
    for (SlotVerdict v : SlotVerdict.values()) {
      if (c.count(v) > 0) {
        b.append(", ").append(c.count(v)).append(' ').append(v.words());
      }
    }
    return b.toString();
  }

  private static void print(PrintWriter out, EpochView v, ZoneId zone) {
    if (!v.slots().isEmpty()) {
      out.printf("%-10s %-8s %-19s %-34s %s%n", "SLOT", "IN EPOCH", "TIME", "VERDICT", "WHY");
      for (SlotRow r : v.slots()) {
        out.printf("%-10d %-8s %-19s %-34s %s%n", r.slot(), r.slotInEpoch() == null ? "-" : r.slotInEpoch(),
            r.time() == null ? "-" : TIME.format(r.time().atZone(zone)),
            r.verdict() == null ? "to come" : r.verdict().words(), r.because() == null ? "" : r.because());
      }
    }
    out.println(v.summary());
  }

  private static String held(SlotLedger ledger) throws IOException {
    List<Long> all = new ArrayList<>(ledger.compacted().stream().map(EpochCounts::epoch).toList());
    all.addAll(ledger.epochs());
    return all.isEmpty() ? "none" : all.get(0) + ".." + all.get(all.size() - 1);
  }

  /** The pool's chain clock, from the network its data directory records; empty once the pool is deleted. */
  private static Optional<ChainClock> chainOf(DataDir dir) {
    try {
      Optional<PoolRecord> pool = dir.read(dir.poolFile(), PoolRecord.class);
      if (pool.isEmpty()) {
        return Optional.empty();
      }
      Path base = Optional.ofNullable(Path.of(pool.get().spec()).toAbsolutePath().getParent()).orElse(dir.root());
      return Optional.of(new ChainClock(NetworkRef.parse(pool.get().network()).genesis(base), Clock.systemUTC()));
    } catch (IOException | RuntimeException e) {
      // Without the network the slots still print, without their times.
      return Optional.empty();
    }
  }
}
