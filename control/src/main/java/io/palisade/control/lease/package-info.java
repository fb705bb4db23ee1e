/**
 * The producer lease, pure: which of a pool's two block producers may forge ({@link
 * io.palisade.control.lease.ProducerLease}, a monotonic fencing token), and the decisions that move it
 * ({@link io.palisade.control.lease.ProducerLeases}: failover, switchover, fencing). A runtime keeps the {@link
 * io.palisade.control.lease.LeaseState} durable, gives the forging credentials only to the holder, and carries out
 * the {@link io.palisade.control.lease.LeaseAction}s. No I/O.
 */
package io.palisade.control.lease;
