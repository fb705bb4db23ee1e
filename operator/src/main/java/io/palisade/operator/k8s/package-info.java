/**
 * The operator's I/O with the API server through fabric8: create-or-update of owned objects (plain create and update,
 * never server-side apply, so production runs the path the tests run), the StakePool's status, pod deletions and
 * Kubernetes events.
 */
package io.palisade.operator.k8s;
