package io.palisade.cli.runtime;

import io.palisade.cli.CliTime;
import io.palisade.control.ControlEvent;

/** One control event as a line, the same in {@code up}, {@code status} and every {@code --wait}. */
final class EventLine {
  private EventLine() {}

  /** {@code 2026-12-03T11:37:00Z WARNING NodeRestarted relay-a-0: restarting relay-a-0 ...}. */
  static String of(ControlEvent e) {
    return CliTime.format(e.time()) + " " + (e.severity() == ControlEvent.Severity.Warning ? "WARNING " : "")
        + e.reason() + (e.node() == null ? "" : " " + e.node()) + ": " + e.message();
  }
}
