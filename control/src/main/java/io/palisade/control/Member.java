package io.palisade.control;

import io.palisade.control.MemberState.Phase;
import io.palisade.spec.NodeRef;
import io.palisade.spec.NodeVersion;
import java.time.Instant;
import java.util.List;

/** The mutable working copy of a {@link MemberState} during one pass of {@link PoolController}. */
final class Member {
  final NodeRef ref;
  NodeVersion version;
  Phase phase;
  boolean admitted;
  List<String> topology;
  int consecutiveFailures;
  int restarts;
  Instant lastActionAt;
  Instant nextRestartAt;
  Instant readySince;
  String lastFailure;

  Member(MemberState s) {
    ref = s.ref();
    version = s.version();
    phase = s.phase();
    admitted = s.admitted();
    topology = s.topology();
    consecutiveFailures = s.consecutiveFailures();
    restarts = s.restarts();
    lastActionAt = s.lastActionAt();
    nextRestartAt = s.nextRestartAt();
    readySince = s.readySince();
    lastFailure = s.lastFailure();
  }

  String name() {
    return ref.name();
  }

  /** Restarted on {@code v} by a rollout or rollback step: running, failures forgotten, not ready yet. */
  void restartedOn(NodeVersion v) {
    version = v;
    phase = Phase.RUNNING;
    consecutiveFailures = 0;
    readySince = null;
  }

  MemberState freeze() {
    return new MemberState(ref, version, phase, admitted, topology, consecutiveFailures, restarts, lastActionAt,
        phase == Phase.RESTART_PENDING ? nextRestartAt : null, readySince, lastFailure);
  }
}
