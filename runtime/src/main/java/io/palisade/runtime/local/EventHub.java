package io.palisade.runtime.local;

import io.palisade.control.ControlEvent;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Where a pool's events go: appended to the event log, kept in memory for the status (the latest
 * {@value #IN_MEMORY}), and passed to every listener (the CLI prints them as they happen).
 */
final class EventHub {
  private static final int IN_MEMORY = 500;

  private final EventLog log;
  private final Consumer<String> progress;
  private final Deque<ControlEvent> recent = new ArrayDeque<>();
  private final List<Consumer<ControlEvent>> listeners = new CopyOnWriteArrayList<>();

  /**
   * @param log the data directory's event log
   * @param progress where a failure to write the log is reported
   */
  EventHub(EventLog log, Consumer<String> progress) {
    this.log = log;
    this.progress = progress;
  }

  /** Keeps the latest {@code n} logged events in memory (after a restart of the control plane). */
  void loadRecent(int n) throws IOException {
    List<ControlEvent> tail = log.tail(n);
    synchronized (recent) {
      recent.addAll(tail);
    }
  }

  /** Records events: logged (a log that cannot be written is reported, not fatal), kept, passed on. */
  void record(List<ControlEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    try {
      log.append(events);
    } catch (IOException e) {
      progress.accept("cannot write the event log: " + e.getMessage());
    }
    synchronized (recent) {
      for (ControlEvent e : events) {
        recent.addLast(e);
        if (recent.size() > IN_MEMORY) {
          recent.removeFirst();
        }
      }
    }
    for (ControlEvent e : events) {
      listeners.forEach(l -> l.accept(e));
    }
  }

  /** The latest {@code n} events in memory, oldest first. */
  List<ControlEvent> recent(int n) {
    List<ControlEvent> all;
    synchronized (recent) {
      all = new ArrayList<>(recent);
    }
    return List.copyOf(all.size() > n ? all.subList(all.size() - n, all.size()) : all);
  }

  /** The latest {@code limit} events of the log, oldest first. */
  List<ControlEvent> tail(int limit) throws IOException {
    return log.tail(limit);
  }

  void onEvent(Consumer<ControlEvent> listener) {
    listeners.add(listener);
  }
}
