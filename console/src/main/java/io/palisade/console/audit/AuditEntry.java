package io.palisade.console.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the hash-chained audit log.
 *
 * @param seq its position, from 1, without gaps
 * @param at when it was written (the console's clock)
 * @param actor who: an operator's name, {@code console} for the console itself, {@code anonymous} before login
 * @param kind what, as a dotted word ({@code login.failed}, {@code action.queued}, {@code shell.input}, ...)
 * @param subject what it concerns (a node, an action id, a username); may be empty
 * @param detail the rest, free text
 * @param prevHash the previous entry's hash (64 zeros for the first)
 * @param hash SHA-256 over this entry and {@code prevHash}, see {@link AuditHash}
 * @param mac the console's witness of {@code hash} under {@link AuditKey} (null on entries from before the key)
 */
public record AuditEntry(long seq, Instant at, String actor, String kind, String subject, String detail,
    String prevHash, String hash, String mac) {
  /** Rejects nulls. */
  public AuditEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(prevHash, "prevHash");
    Objects.requireNonNull(hash, "hash");
  }

  /** An entry without a witness MAC (as written before {@link AuditKey}, or by someone without it). */
  public AuditEntry(
      long seq, Instant at, String actor, String kind, String subject, String detail, String prevHash, String hash) {
    this(seq, at, actor, kind, subject, detail, prevHash, hash, null);
  }

  /** The hash this entry should have, recomputed from its content. */
  public String computedHash() {
    return AuditHash.of(seq, at.toEpochMilli(), actor, kind, subject, detail, prevHash);
  }
}
