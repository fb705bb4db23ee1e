/**
 * The control logic of a pool, independent of where the nodes run.
 *
 * <p>{@link io.palisade.control.PoolController#decide} is a pure function of (desired, observed, state, clock) that
 * returns a {@link io.palisade.control.Decision}: the next {@link io.palisade.control.ControlState}, the
 * {@link io.palisade.control.Action}s to apply and the {@link io.palisade.control.ControlEvent}s that explain them.
 * A runtime implements {@link io.palisade.control.NodeRuntime} (the single-host runtime in
 * {@code io.palisade.runtime.local}, the Kubernetes operator in the operator module) and applies the actions.
 * The module depends on {@code spec} only: no I/O, no processes, no keys.
 */
package io.palisade.control;
