package io.palisade.control;

/**
 * What Palisade is about to do to a node, as far as the pool's leader slots care ({@link ForgingWindow}): every
 * planned action that stops the block producer or changes what it forges with is fitted between its leader slots;
 * healing a node that is already down is not.
 */
public enum PlannedAction {
  /** A rollout step restarts the node on another version. */
  UPGRADE_STEP("the upgrade of", true),
  /** The operator asked for a restart. */
  RESTART("the restart of", true),
  /** New hot keys are installed and the node restarted on them. */
  KEY_ROTATION("the key rotation of", true),
  /** The hot keys are wiped and the node restarted without them. */
  KEY_REVOCATION("the key revocation of", true),
  /** The node's chain database is deleted; it replays from its peers. */
  VOLUME_DELETION("the volume deletion of", true),
  /** Forging moves to the standby producer (the lease changes holder): the old one stops, the other starts. */
  SWITCHOVER("the switchover of", true),
  /** Self-healing starts a node that is already down: delaying it could only lose more slots. */
  SELF_HEALING("the recovery of", false);

  private final String phrase;
  private final boolean gated;

  PlannedAction(String phrase, boolean gated) {
    this.phrase = phrase;
    this.gated = gated;
  }

  /** Whether the action waits for a free window when it targets a running block producer. */
  public boolean gated() {
    return gated;
  }

  /** "the upgrade of", for messages. */
  public String phrase() {
    return phrase;
  }
}
