/**
 * The StakePool resource and everything the operator derives from it without talking to a cluster: the CRD types,
 * the spec check (the same rules as {@code pool.yaml}), the desired Kubernetes objects for a control state, pod
 * observations and status conditions. Pure: fabric8 model classes only, no client.
 */
package io.palisade.operator.model;
