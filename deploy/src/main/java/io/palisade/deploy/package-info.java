/** Renders a pool spec into node config/topology, hardened Kubernetes resources and host firewalls; audits the result. Pure renderers, no cluster I/O. */
package io.palisade.deploy;
