package io.palisade.spec;

/**
 * One node of a pool, derived from the spec.
 *
 * @param name the node's name, unique in the pool ({@code block-producer}, {@code relay-eu-west-0})
 * @param role block producer or relay
 * @param region the relay's region, null for the block producer
 * @param ordinal the relay's index within its region, 0 for the block producer
 */
public record NodeRef(String name, NodeRole role, String region, int ordinal) {
  /** Whether this is the block producer. */
  public boolean isBlockProducer() {
    return role == NodeRole.BLOCK_PRODUCER;
  }
}
