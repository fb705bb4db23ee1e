package io.palisade.console.audit;

import io.palisade.console.store.ConsoleDatabase;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Optional;

/**
 * Checks the audit chain from the first entry to the head: numbering without gaps, each entry's link to the previous
 * hash, each entry's own hash, the head row, and optionally a checkpoint kept elsewhere. Reports the first break.
 */
public final class AuditVerifier {
  private static final int PAGE = 2_000;

  private final ConsoleDatabase db;
  private final Optional<AuditKey> key;

  /**
   * A verifier without the witness key: it checks the chain, that times never go backwards, and that no entry after
   * the first witnessed one lacks a MAC, but cannot tell a forged MAC.
   *
   * @param db the console database
   */
  public AuditVerifier(ConsoleDatabase db) {
    this(db, Optional.empty());
  }

  /**
   * @param db the console database
   * @param key the console's witness key, when this host has it (then every MAC is checked)
   */
  public AuditVerifier(ConsoleDatabase db, Optional<AuditKey> key) {
    this.db = db;
    this.key = key;
  }

  /**
   * Verifies the whole chain.
   *
   * @param checkpoint a checkpoint exported earlier, to check the log still contains it
   * @return the verdict, naming the first broken entry if any
   */
  public AuditVerification verify(Optional<AuditCheckpoint> checkpoint) {
    return verify(checkpoint, Optional.empty());
  }

  /**
   * Verifies the whole chain, also against the head recorded beside the database ({@link AuditHeadFile}): a log that
   * ends before it, or holds another entry under its number, was rolled back or rewritten.
   *
   * @param checkpoint a checkpoint exported earlier, to check the log still contains it
   * @param recordedHead the head file's content, read <em>before</em> this call (it is never ahead of a commit, so a
   *     console appending meanwhile cannot make an intact log look rolled back)
   * @return the verdict, naming the first broken entry if any
   */
  public AuditVerification verify(Optional<AuditCheckpoint> checkpoint, Optional<AuditCheckpoint> recordedHead) {
    // One read-only snapshot: a console appending meanwhile (the normal case for a cron job or the other operator)
    // is neither half seen nor blocked, and nothing is written.
    return db.snapshot(c -> {
      AuditHead head = AuditLog.readHead(c);
      ChainCheck check = new ChainCheck(checkpoint, recordedHead, key);
      long after = 0;
      while (true) {
        List<AuditEntry> page;
        try (PreparedStatement ps = c.prepareStatement(
            "SELECT " + AuditLog.COLUMNS + " FROM audit_event"
                + " WHERE seq > ? ORDER BY seq LIMIT " + PAGE)) {
          ps.setLong(1, after);
          page = AuditLog.readAll(ps);
        }
        for (AuditEntry e : page) {
          check.accept(e);
          if (check.broken().isPresent()) {
            return AuditVerification.broken(check.count(), head, check.broken().get());
          }
        }
        if (page.size() < PAGE) {
          break;
        }
        after = page.get(page.size() - 1).seq();
      }
      Optional<AuditVerification.Break> end = check.finish(head);
      return end.map(b -> AuditVerification.broken(check.count(), head, b))
          .orElseGet(() -> AuditVerification.intact(check.count(), head, checkpoint));
    });
  }

  /** The pure part: fed entries in order, remembers the first break. */
  static final class ChainCheck {
    private long expectedSeq = 1;
    private String prevHash = AuditHash.GENESIS;
    private long count;
    private AuditVerification.Break broken;
    private final Optional<AuditCheckpoint> checkpoint;
    private final Optional<AuditCheckpoint> recordedHead;
    private final Optional<AuditKey> key;
    private boolean witnessed;
    private java.time.Instant prevAt;

    ChainCheck(Optional<AuditCheckpoint> checkpoint) {
      this(checkpoint, Optional.empty(), Optional.empty());
    }

    ChainCheck(Optional<AuditCheckpoint> checkpoint, Optional<AuditCheckpoint> recordedHead,
        Optional<AuditKey> key) {
      this.checkpoint = checkpoint;
      this.recordedHead = recordedHead;
      this.key = key;
    }

    void accept(AuditEntry e) {
      if (broken != null) {
        return;
      }
      if (e.seq() != expectedSeq) {
        broken = new AuditVerification.Break(expectedSeq, e.seq() > expectedSeq
            ? "entry #" + expectedSeq + " is missing (the next entry is #" + e.seq() + ")"
            : "entry #" + e.seq() + " is out of order (expected #" + expectedSeq + ")");
        return;
      }
      if (!e.prevHash().equals(prevHash)) {
        broken = new AuditVerification.Break(e.seq(), "entry #" + e.seq() + " does not link to entry #"
            + (e.seq() - 1) + " (its previous hash is " + e.prevHash() + ", entry #" + (e.seq() - 1) + "'s hash is "
            + prevHash + ")");
        return;
      }
      String computed;
      try {
        computed = e.computedHash();
      } catch (IllegalArgumentException bad) {
        broken = new AuditVerification.Break(e.seq(), "entry #" + e.seq() + " is malformed: " + bad.getMessage());
        return;
      }
      if (!computed.equals(e.hash())) {
        broken = new AuditVerification.Break(e.seq(), "entry #" + e.seq() + " (" + e.kind() + " by " + e.actor()
            + " at " + e.at() + ") was changed: its stored hash is " + e.hash() + ", its content hashes to "
            + computed);
        return;
      }
      if (checkpoint.isPresent() && checkpoint.get().seq() == e.seq() && !checkpoint.get().hash().equals(e.hash())) {
        broken = new AuditVerification.Break(e.seq(), "entry #" + e.seq() + " does not match the checkpoint (the"
            + " checkpoint has hash " + checkpoint.get().hash() + ", the log " + e.hash() + "): the log was rewritten"
            + " up to the checkpoint");
        return;
      }
      // From the first witnessed entry on (every entry since the console had its key), each entry must carry the
      // console's MAC and a time no earlier than the one before: a row appended by whoever can write the database
      // (a back-dated action.queued, say) has no valid MAC and usually an old date.
      witnessed |= e.mac() != null;
      if (witnessed && e.mac() == null) {
        broken = new AuditVerification.Break(e.seq(), "entry #" + e.seq() + " (" + e.kind() + " by " + e.actor()
            + ") carries no witness MAC though earlier entries do: it was not written by this console");
        return;
      }
      if (e.mac() != null && key.isPresent() && !key.get().witnessed(AuditKey.ENTRY, e.hash(), e.mac())) {
        broken = new AuditVerification.Break(e.seq(), "entry #" + e.seq() + " (" + e.kind() + " by " + e.actor()
            + ") has a witness MAC that " + AuditKey.FILE + " did not make: it was not written by this console");
        return;
      }
      if (witnessed && prevAt != null && e.at().isBefore(prevAt)) {
        broken = new AuditVerification.Break(e.seq(), "entry #" + e.seq() + " (" + e.kind() + " by " + e.actor()
            + ") is dated " + e.at() + ", before entry #" + (e.seq() - 1) + " (" + prevAt + "): times never go"
            + " backwards in this log");
        return;
      }
      if (recordedHead.isPresent() && recordedHead.get().seq() == e.seq()
          && !recordedHead.get().hash().equals(e.hash())) {
        broken = new AuditVerification.Break(e.seq(), "entry #" + e.seq() + " is not the entry recorded in "
            + AuditHeadFile.FILE + " (hash " + e.hash() + ", recorded " + recordedHead.get().hash()
            + "): the log was rewritten");
        return;
      }
      prevHash = e.hash();
      prevAt = e.at();
      expectedSeq++;
      count++;
    }

    Optional<AuditVerification.Break> broken() {
      return Optional.ofNullable(broken);
    }

    long count() {
      return count;
    }

    String lastHash() {
      return prevHash;
    }

    Optional<AuditVerification.Break> finish(AuditHead head) {
      if (broken != null) {
        return Optional.of(broken);
      }
      if (checkpoint.isPresent() && checkpoint.get().seq() > count) {
        return Optional.of(new AuditVerification.Break(count + 1, "the checkpoint records entry #"
            + checkpoint.get().seq() + " but the log ends at #" + count + ": entries were removed"));
      }
      if (recordedHead.isPresent() && recordedHead.get().seq() > count) {
        return Optional.of(new AuditVerification.Break(count + 1, "the log ends at entry #" + count + " but entry #"
            + recordedHead.get().seq() + " was committed and recorded in " + AuditHeadFile.FILE + ": the database was"
            + " rolled back (a crash the engine did not survive, a restored backup, or rows removed)"));
      }
      if (head.seq() != count) {
        return Optional.of(new AuditVerification.Break(count + 1, head.seq() > count
            ? "the log ends at entry #" + count + " but its head records #" + head.seq()
                + ": entries #" + (count + 1) + ".." + head.seq() + " were removed"
            : "the head records #" + head.seq() + " but the log continues to #" + count
                + ": the head was rewritten"));
      }
      if (!head.hash().equals(prevHash)) {
        return Optional.of(new AuditVerification.Break(count, "the head's hash " + head.hash()
            + " is not entry #" + count + "'s hash " + prevHash));
      }
      return Optional.empty();
    }
  }
}
