/** Kubernetes operator (Java Operator SDK + fabric8): the StakePool resource, driven by the control logic. */
package io.palisade.operator;
