package io.palisade.gateway;

import io.palisade.spec.Names;
import io.palisade.spec.NodeVersion;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A change to the pool that only the console may ask for. Every record says whether it is destructive: destructive
 * actions wait out the console's delay (seven days at least); the others run at once. A new record must decide.
 *
 * <p>Code that treats each kind of action differently (the gateways, the console's canonical payload) does it through
 * a {@link Visitor}: a new record adds a method to it, so every such place fails to compile until it has a branch for
 * the new action.
 */
public sealed interface PoolAction
    permits PoolAction.Upgrade,
        PoolAction.AddRelay,
        PoolAction.RemoveRelay,
        PoolAction.RemoveNode,
        PoolAction.DeleteVolume,
        PoolAction.DeletePool,
        PoolAction.RotateKeys,
        PoolAction.RevokeKeys {

  /** Node names as the pool spec makes them (spec's {@link Names#NODE_NAME}). */
  Pattern NODE_NAME = Pattern.compile(Names.NODE_NAME);

  /** Region names as the pool spec accepts them (spec's {@link Names#REGION}, the one rule). */
  Pattern REGION = Pattern.compile(Names.REGION);

  /**
   * @return whether the action destroys something (and so must wait out the delay)
   */
  boolean destructive();

  /**
   * @return one line for the operator, such as "remove relay relay-eu-0"
   */
  String describe();

  /**
   * Calls the visitor's method for this kind of action.
   *
   * @param visitor what to do with each kind
   * @param <R> what the visitor returns
   * @return the visitor's answer
   */
  <R> R accept(Visitor<R> visitor);

  /**
   * What to do with each kind of action, one method per record: the exhaustive dispatch over {@link PoolAction}.
   *
   * @param <R> what every method returns
   */
  interface Visitor<R> {
    /**
     * @param action an upgrade
     * @return the answer
     */
    R upgrade(Upgrade action);

    /**
     * @param action a relay to add
     * @return the answer
     */
    R addRelay(AddRelay action);

    /**
     * @param action a relay to remove
     * @return the answer
     */
    R removeRelay(RemoveRelay action);

    /**
     * @param action a node to remove
     * @return the answer
     */
    R removeNode(RemoveNode action);

    /**
     * @param action a volume to delete
     * @return the answer
     */
    R deleteVolume(DeleteVolume action);

    /**
     * @param action the pool to delete
     * @return the answer
     */
    R deletePool(DeletePool action);

    /**
     * @param action a key rotation
     * @return the answer
     */
    R rotateKeys(RotateKeys action);

    /**
     * @param action a key revocation
     * @return the answer
     */
    R revokeKeys(RevokeKeys action);
  }

  /**
   * Rolling upgrade of every node to a cardano-node version. Not destructive: a failed step rolls back. Going to a
   * version older than the one the pool runs is a downgrade, refused by the runtimes unless {@code allowDowngrade}
   * says the operator meant it.
   *
   * @param version the target version, such as {@code 10.5.3}
   * @param allowDowngrade whether the operator confirmed that an older version than the pool runs is meant
   */
  record Upgrade(String version, boolean allowDowngrade) implements PoolAction {
    /** Checks the version's form. */
    public Upgrade {
      version = NodeVersion.parse(Objects.requireNonNull(version, "version")).toString();
    }

    /**
     * An upgrade that a downgrade refuses.
     *
     * @param version the target version
     */
    public Upgrade(String version) {
      this(version, false);
    }

    @Override
    public boolean destructive() {
      return false;
    }

    @Override
    public String describe() {
      return allowDowngrade ? "downgrade every node to " + version + " (confirmed as a downgrade)"
          : "upgrade every node to " + version;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.upgrade(this);
    }
  }

  /**
   * A new relay in a region. Not destructive.
   *
   * @param region the region
   */
  record AddRelay(String region) implements PoolAction {
    /** Checks the region's form. */
    public AddRelay {
      region = ActionInputs.name(REGION, "region", region);
    }

    @Override
    public boolean destructive() {
      return false;
    }

    @Override
    public String describe() {
      return "add a relay in region " + region;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.addRelay(this);
    }
  }

  /**
   * Removes a relay (its process or pod; its volume stays).
   *
   * @param node the relay's name
   */
  record RemoveRelay(String node) implements PoolAction {
    /** Checks the name's form. */
    public RemoveRelay {
      node = ActionInputs.name(NODE_NAME, "node", node);
    }

    @Override
    public boolean destructive() {
      return true;
    }

    @Override
    public String describe() {
      return "remove relay " + node;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.removeRelay(this);
    }
  }

  /**
   * Removes any node, the block producer included.
   *
   * @param node the node's name
   */
  record RemoveNode(String node) implements PoolAction {
    /** Checks the name's form. */
    public RemoveNode {
      node = ActionInputs.name(NODE_NAME, "node", node);
    }

    @Override
    public boolean destructive() {
      return true;
    }

    @Override
    public String describe() {
      return "remove node " + node;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.removeNode(this);
    }
  }

  /**
   * Deletes a node's volume (its chain database and state).
   *
   * @param node the node whose volume goes
   */
  record DeleteVolume(String node) implements PoolAction {
    /** Checks the name's form. */
    public DeleteVolume {
      node = ActionInputs.name(NODE_NAME, "node", node);
    }

    @Override
    public boolean destructive() {
      return true;
    }

    @Override
    public String describe() {
      return "delete the volume of " + node;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.deleteVolume(this);
    }
  }

  /** Deletes the whole pool deployment: every node and volume. */
  record DeletePool() implements PoolAction {
    @Override
    public boolean destructive() {
      return true;
    }

    @Override
    public String describe() {
      return "delete the whole pool (every node and volume)";
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.deletePool(this);
    }
  }

  /**
   * Replaces a key with a new one (for KES: a new operational certificate). On the single-host runtime the new keys
   * come from the hot-key bundle the pool spec names ({@code keys.hotKeyBundle}).
   *
   * @param role which key
   * @param passphraseFile the absolute path of a file holding the bundle's passphrase, read when the action runs;
   *     empty to use the one the runtime was started with
   */
  record RotateKeys(KeyRole role, String passphraseFile) implements PoolAction {
    /** Rejects null, and a passphrase file that is not an absolute path on one line. */
    public RotateKeys {
      Objects.requireNonNull(role, "role");
      passphraseFile = ActionInputs.passphraseFile(passphraseFile);
    }

    /**
     * A rotation with the passphrase the runtime was started with.
     *
     * @param role which key
     */
    public RotateKeys(KeyRole role) {
      this(role, "");
    }

    @Override
    public boolean destructive() {
      return true;
    }

    @Override
    public String describe() {
      return "rotate the " + role.label() + " key" + (passphraseFile.isEmpty() ? ""
          : " (bundle passphrase from " + passphraseFile + ")");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.rotateKeys(this);
    }
  }

  /**
   * Revokes a key so it can no longer be used.
   *
   * @param role which key
   * @param reason why, for the audit log (at most 200 characters)
   */
  record RevokeKeys(KeyRole role, String reason) implements PoolAction {
    /** Rejects null and overlong reasons. */
    public RevokeKeys {
      Objects.requireNonNull(role, "role");
      reason = ActionInputs.reason(reason);
    }

    @Override
    public boolean destructive() {
      return true;
    }

    @Override
    public String describe() {
      return "revoke the " + role.label() + " key" + (reason.isEmpty() ? "" : " (" + reason + ")");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.revokeKeys(this);
    }
  }
}
