/**
 * The control plane's loopback HTTP API over the records of {@code io.palisade.control.api}: the server
 * ({@link io.palisade.runtime.plane.ControlPlaneServer}), the client the CLI uses
 * ({@link io.palisade.runtime.plane.ControlPlaneClient}), and {@link io.palisade.runtime.plane.ControlPlane}, which
 * puts the server in front of a {@link io.palisade.runtime.local.LocalPool}. Every request carries
 * {@code Authorization: Bearer TOKEN}, the token being the content of the data directory's {@code token} file (mode
 * 0600).
 */
package io.palisade.runtime.plane;
