package io.palisade.operator.model;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.palisade.control.lease.Handover;
import io.palisade.control.lease.LeaseState;
import io.palisade.control.lease.ProducerLease;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The producer lease as the {@code coordination.k8s.io/v1} Lease {@code <pool>-producer} holds it: control's {@link
 * LeaseState} (holder in {@code spec.holderIdentity}, since in {@code spec.acquireTime}, the fencing token, a move in
 * progress and a queued switchover in annotations) and what the operator must remember across its restarts: the pod
 * of the former holder that a move is fencing, and since when the holder has been in trouble. Pure: it reads and fills
 * fabric8 values, the operator's {@code ProducerLeaseStore} reads and writes the object.
 *
 * @param state the lease's state
 * @param fencedPod the UID of the former holder's pod when its credentials were taken (null: none recorded): the fence
 *     is confirmed once no pod with this UID exists
 * @param holderTroubleSince since when the holder's pod has been missing or not ready, null while it is ready
 * @param holderForged whether the holder was seen ready (forging) since it got the lease: a pool just starting is no
 *     failure
 */
public record ProducerLeaseRecord(LeaseState state, String fencedPod, Instant holderTroubleSince,
    boolean holderForged) {
  /** The fencing token; it only ever grows. */
  public static final String ANNOTATION_TOKEN = "palisade.io/fencing-token";
  /** A move in progress: {@code KIND FROM TO STARTED-AT}. */
  public static final String ANNOTATION_HANDOVER = "palisade.io/handover";
  /** When a queued switchover was asked for. */
  public static final String ANNOTATION_SWITCHOVER_REQUESTED = "palisade.io/switchover-requested-at";
  /** The UID of the pod being fenced. */
  public static final String ANNOTATION_FENCED_POD = "palisade.io/fenced-pod";
  /** Since when the holder has been in trouble. */
  public static final String ANNOTATION_TROUBLE_SINCE = "palisade.io/holder-trouble-since";
  /** Whether the holder forged since it got the lease. */
  public static final String ANNOTATION_HOLDER_FORGED = "palisade.io/holder-forged";

  /** Checks the state. */
  public ProducerLeaseRecord {
    Objects.requireNonNull(state, "state");
  }

  /** A pool's first lease: {@code holder} with token 1. */
  public static ProducerLeaseRecord first(String holder, Instant now) {
    return new ProducerLeaseRecord(LeaseState.first(holder, now), null, null, false);
  }

  /**
   * The record a Lease holds.
   *
   * @param lease the object
   * @return the record
   * @throws IllegalArgumentException if the Lease is not one the operator wrote (no holder, no token, a bad value):
   *     the operator then refuses to act rather than guess who may forge
   */
  public static ProducerLeaseRecord of(Lease lease) {
    Map<String, String> a = lease.getMetadata().getAnnotations() == null ? Map.of()
        : lease.getMetadata().getAnnotations();
    String holder = lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
    String token = a.get(ANNOTATION_TOKEN);
    if (holder == null || holder.isBlank() || token == null) {
      throw new IllegalArgumentException("the Lease " + lease.getMetadata().getName() + " has no holderIdentity or no "
          + ANNOTATION_TOKEN + " annotation");
    }
    try {
      Instant since = lease.getSpec().getAcquireTime() == null ? Instant.EPOCH
          : lease.getSpec().getAcquireTime().toInstant();
      ProducerLease l = new ProducerLease(holder, Long.parseLong(token), since);
      Handover h = null;
      String text = a.get(ANNOTATION_HANDOVER);
      if (text != null && !text.isBlank()) {
        String[] f = text.trim().split(" ");
        if (f.length != 4) {
          throw new IllegalArgumentException(ANNOTATION_HANDOVER + " must be 'KIND FROM TO STARTED-AT', was: " + text);
        }
        h = new Handover(f[1], f[2], Handover.Kind.valueOf(f[0]), Instant.parse(f[3]));
      }
      Instant requested = instant(a.get(ANNOTATION_SWITCHOVER_REQUESTED));
      return new ProducerLeaseRecord(new LeaseState(l, h, requested), blankToNull(a.get(ANNOTATION_FENCED_POD)),
          instant(a.get(ANNOTATION_TROUBLE_SINCE)), "true".equals(a.get(ANNOTATION_HOLDER_FORGED)));
    } catch (DateTimeParseException | IllegalArgumentException e) {
      throw new IllegalArgumentException("the Lease " + lease.getMetadata().getName() + " cannot be read: "
          + e.getMessage(), e);
    }
  }

  /**
   * Writes this record into {@code lease} (its spec and Palisade's annotations; other annotations are kept).
   *
   * @param lease the object to fill (changed in place)
   * @return the same object
   */
  public Lease writeTo(Lease lease) {
    if (lease.getSpec() == null) {
      lease.setSpec(new io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec());
    }
    lease.getSpec().setHolderIdentity(state.lease().holder());
    lease.getSpec().setAcquireTime(ZonedDateTime.ofInstant(state.lease().since(), ZoneOffset.UTC));
    lease.getSpec().setLeaseTransitions((int) Math.min(Integer.MAX_VALUE, state.lease().token() - 1));
    Map<String, String> a = new LinkedHashMap<>(lease.getMetadata().getAnnotations() == null ? Map.of()
        : lease.getMetadata().getAnnotations());
    a.put(ANNOTATION_TOKEN, Long.toString(state.lease().token()));
    put(a, ANNOTATION_HANDOVER, state.handover() == null ? null : state.handover().kind() + " "
        + state.handover().from() + " " + state.handover().to() + " " + state.handover().startedAt());
    put(a, ANNOTATION_SWITCHOVER_REQUESTED, state.switchoverRequestedAt() == null ? null
        : state.switchoverRequestedAt().toString());
    put(a, ANNOTATION_FENCED_POD, fencedPod);
    put(a, ANNOTATION_TROUBLE_SINCE, holderTroubleSince == null ? null : holderTroubleSince.toString());
    put(a, ANNOTATION_HOLDER_FORGED, holderForged ? "true" : null);
    lease.getMetadata().setAnnotations(a);
    return lease;
  }

  /** With another state; a new holder starts with no trouble and no forging seen. */
  public ProducerLeaseRecord withState(LeaseState s) {
    boolean sameHolder = s.lease().equals(state.lease());
    return new ProducerLeaseRecord(s, s.handover() == null ? null : fencedPod,
        sameHolder ? holderTroubleSince : null, sameHolder && holderForged);
  }

  /** With the pod being fenced. */
  public ProducerLeaseRecord withFencedPod(String uid) {
    return new ProducerLeaseRecord(state, uid, holderTroubleSince, holderForged);
  }

  /**
   * With the holder's health of this pass: trouble starts when it is not ready after it forged once, or its pod is
   * missing; it ends when it is ready.
   *
   * @param ready whether the holder's pod is ready (it forges)
   * @param podMissing whether the holder has no pod
   * @param now the clock's time
   * @return the record
   */
  public ProducerLeaseRecord withHolderHealth(boolean ready, boolean podMissing, Instant now) {
    boolean forged = holderForged || ready;
    boolean trouble = !ready && (forged || podMissing);
    Instant since = !trouble ? null : holderTroubleSince == null ? now : holderTroubleSince;
    return new ProducerLeaseRecord(state, fencedPod, since, forged);
  }

  /** Since when the holder has been in trouble, for control's decision. */
  public Optional<Instant> trouble() {
    return Optional.ofNullable(holderTroubleSince);
  }

  private static void put(Map<String, String> a, String key, String value) {
    if (value == null) {
      a.remove(key);
    } else {
      a.put(key, value);
    }
  }

  private static Instant instant(String text) {
    return text == null || text.isBlank() ? null : Instant.parse(text.trim());
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
