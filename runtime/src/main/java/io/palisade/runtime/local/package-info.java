/**
 * The single-host runtime: each node a supervised child process with its own directory, ports, config and topology;
 * state under a data directory that survives a kill -9 of the control plane; the control loop that applies
 * {@link io.palisade.control.PoolController}'s decisions. Start it with
 * {@link io.palisade.runtime.local.LocalPool} (or {@code io.palisade.runtime.plane.ControlPlane}, with its API). It
 * never depends on the API.
 */
package io.palisade.runtime.local;
