package io.palisade.simnode.forge;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.palisade.keys.Blake2b;
import io.palisade.ouroboros.n2c.PoolId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A block the simulated node forged, as its forged-block record keeps it (one JSON object a line in
 * {@code DB/forged-blocks.jsonl}): where, with which credentials, and what became of it.
 *
 * @param slot the slot
 * @param epoch the slot's epoch
 * @param pool the pool id (hex)
 * @param opcertCounter the counter of the operational certificate the block carries
 * @param kesPeriod the KES period the block was signed in
 * @param vrfOutput the block's VRF output (64 bytes, hex): public in a real header; it decides slot battles and feeds
 *     the evolving nonce
 * @param outcome what became of it, as the node saw it
 * @param propagated whether the node could send it to its peers (false: forged while its network was cut, so the rest
 *     of the network never had it, whatever the node adopted); absent in a record line means true
 */
@JsonPropertyOrder({"slot", "epoch", "pool", "opcertCounter", "kesPeriod", "adopted", "outcome", "onChain",
    "propagated", "hash", "vrfOutput"})
@JsonIgnoreProperties(value = {"adopted", "onChain", "hash"}, allowGetters = true)
public record ForgedBlock(long slot, long epoch, String pool, long opcertCounter, long kesPeriod, String vrfOutput,
    BlockOutcome outcome, Boolean propagated) {

  /** A block the node could send to its peers. */
  public ForgedBlock(
      long slot, long epoch, String pool, long opcertCounter, long kesPeriod, String vrfOutput, BlockOutcome outcome) {
    this(slot, epoch, pool, opcertCounter, kesPeriod, vrfOutput, outcome, true);
  }

  /** Checks the fields. */
  public ForgedBlock {
    propagated = propagated == null || propagated;
    if (slot < 0 || epoch < 0 || opcertCounter < 0 || kesPeriod < 0) {
      throw new IllegalArgumentException("slot, epoch, opcert counter and KES period must be >= 0");
    }
    pool = new PoolId(Objects.requireNonNull(pool, "pool")).hex();
    Objects.requireNonNull(vrfOutput, "vrfOutput");
    if (vrfOutput.length() != 128) {
      throw new IllegalArgumentException("a VRF output is 64 bytes (128 hex digits), was " + vrfOutput.length()
          + " characters");
    }
    vrfOutput = HexFormat.of().formatHex(HexFormat.of().parseHex(vrfOutput));
    Objects.requireNonNull(outcome, "outcome");
  }

  /** Whether the node adopted it (at least until a fork switch). */
  @JsonProperty("adopted")
  public boolean adopted() {
    return outcome.adopted();
  }

  /** The same block, forged while the node's network was cut: its peers never got it. */
  public ForgedBlock unpropagated() {
    return new ForgedBlock(slot, epoch, pool, opcertCounter, kesPeriod, vrfOutput, outcome, false);
  }

  /** Whether it is on the node's own chain (a block its peers never got is too, until the node rejoins them). */
  @JsonProperty("onChain")
  public boolean onChain() {
    return outcome.onChain();
  }

  /** The block's header hash on the simulated chain (blake2b-256 of pool, slot and counter), hex. */
  @JsonProperty("hash")
  public String hash() {
    return HexFormat.of().formatHex(hashBytes());
  }

  /** The block's header hash bytes. */
  public byte[] hashBytes() {
    byte[] tag = "palisade-simnode:own-block".getBytes(StandardCharsets.US_ASCII);
    ByteBuffer b = ByteBuffer.allocate(tag.length + PoolId.BYTES + 16);
    b.put(tag).put(new PoolId(pool).bytes()).putLong(slot).putLong(opcertCounter);
    return Blake2b.hash256(b.array());
  }

  /** The VRF output bytes. */
  public byte[] vrfOutputBytes() {
    return HexFormat.of().parseHex(vrfOutput);
  }
}
