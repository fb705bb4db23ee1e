/**
 * Orchestration: the JOSDK reconciler of StakePools, which runs the control logic on each pass, and the
 * {@link io.palisade.control.NodeRuntime} that carries its actions out on StatefulSets.
 */
package io.palisade.operator.reconcile;
