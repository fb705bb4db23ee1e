package io.palisade.runtime.local;

/**
 * The pool a data directory holds, as {@code pool.json} records it ({@link DataDir#poolFile()}): written when a pool is
 * first opened there, read by whatever needs the pool without its control plane (its network for the chain clock, the
 * spec a later start must match, the commands that find the running block producer).
 *
 * <p>Its own type rather than part of {@link LocalPool} because most of its readers never have a running pool.
 *
 * @param name the pool's name
 * @param network its network
 * @param spec the pool.yaml it was started from
 */
public record PoolRecord(String name, String network, String spec) {}
