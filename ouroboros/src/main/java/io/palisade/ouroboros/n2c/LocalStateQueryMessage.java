package io.palisade.ouroboros.n2c;

import io.palisade.ouroboros.Point;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The local-state-query messages ({@code local-state-query.cddl}); encode and decode with
 * {@link LocalStateQueryCodec}. Queries and results are carried as the CBOR of the consensus layer
 * ({@link LedgerQueryCodec}, {@link LedgerResultCodec}).
 */
public sealed interface LocalStateQueryMessage {

  /** Which ledger state to acquire. */
  sealed interface Target {}

  /**
   * The state at a point on the chain.
   *
   * @param point the point (not the origin)
   */
  record AtPoint(Point point) implements Target {
    /** Requires the point. */
    public AtPoint {
      Objects.requireNonNull(point, "point");
    }
  }

  /** The tips a client can acquire without naming a point. */
  enum AtTip implements Target {
    /** The tip of the node's current chain (may still roll back): {@code [8]}, {@code [9]}. */
    VOLATILE,
    /** The tip of the immutable chain, k blocks back: {@code [10]}, {@code [11]}. */
    IMMUTABLE
  }

  /**
   * {@code [0, point] / [8] / [10]}.
   *
   * @param target the state to acquire
   */
  record Acquire(Target target) implements LocalStateQueryMessage {
    /** Requires the target. */
    public Acquire {
      Objects.requireNonNull(target, "target");
    }
  }

  /** {@code [1]}: the state is acquired. */
  record Acquired() implements LocalStateQueryMessage {}

  /** Why the node could not acquire a point. */
  enum AcquireFailure {
    /** {@code 0}: the point is older than the node keeps states for. */
    POINT_TOO_OLD,
    /** {@code 1}: the point is not on the node's chain. */
    POINT_NOT_ON_CHAIN
  }

  /**
   * {@code [2, failure]}.
   *
   * @param reason why
   */
  record Failure(AcquireFailure reason) implements LocalStateQueryMessage {
    /** Requires the reason. */
    public Failure {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * {@code [3, query]}.
   *
   * @param query the query's CBOR (copied)
   */
  record Query(byte[] query) implements LocalStateQueryMessage {
    /** Copies the bytes. */
    public Query {
      query = query.clone();
    }

    @Override
    public byte[] query() {
      return query.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Query q && Arrays.equals(query, q.query);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(query);
    }

    @Override
    public String toString() {
      return "Query[" + HexFormat.of().formatHex(query) + "]";
    }
  }

  /**
   * {@code [4, result]}.
   *
   * @param result the result's CBOR (copied)
   */
  record Result(byte[] result) implements LocalStateQueryMessage {
    /** Copies the bytes. */
    public Result {
      result = result.clone();
    }

    @Override
    public byte[] result() {
      return result.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Result r && Arrays.equals(result, r.result);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(result);
    }

    @Override
    public String toString() {
      return "Result[" + result.length + " bytes]";
    }
  }

  /** {@code [5]}: back to idle. */
  record Release() implements LocalStateQueryMessage {}

  /**
   * {@code [6, point] / [9] / [11]}: acquire another state without releasing first.
   *
   * @param target the state to acquire
   */
  record ReAcquire(Target target) implements LocalStateQueryMessage {
    /** Requires the target. */
    public ReAcquire {
      Objects.requireNonNull(target, "target");
    }
  }

  /** {@code [7]}: the client is done; the protocol ends. */
  record Done() implements LocalStateQueryMessage {}
}
