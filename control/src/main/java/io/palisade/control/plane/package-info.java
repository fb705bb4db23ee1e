/**
 * The control plane's loopback HTTP API: the records it speaks ({@link io.palisade.control.plane.PoolStatus},
 * {@link io.palisade.control.plane.ActionResult}), the server ({@link io.palisade.control.plane.ControlPlaneServer})
 * and the client the CLI uses ({@link io.palisade.control.plane.ControlPlaneClient}). Every request carries
 * {@code Authorization: Bearer TOKEN}, the token being the content of the data directory's {@code token} file (mode
 * 0600).
 */
package io.palisade.control.plane;
