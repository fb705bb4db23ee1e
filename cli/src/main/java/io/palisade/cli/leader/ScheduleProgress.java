package io.palisade.cli.leader;

import java.io.PrintWriter;

/** Progress on stderr at every tenth of the epoch: a mainnet epoch takes a while. */
final class ScheduleProgress {
  private final PrintWriter err;
  private final long total;
  private long nextTenth = 1;

  ScheduleProgress(PrintWriter err, long total) {
    this.err = err;
    this.total = total;
  }

  void update(long done) {
    if (done * 10 >= nextTenth * total && done < total) {
      err.printf("leader-schedule: %d of %d slots checked (%d%%)%n", done, total, done * 100 / total);
      err.flush();
      nextTenth = done * 10 / total + 1;
    }
  }
}
