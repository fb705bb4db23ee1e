/**
 * What a control plane offers, as plain records: {@link io.palisade.control.api.PoolService} and the values it
 * answers with ({@link io.palisade.control.api.PoolStatus}, {@link io.palisade.control.api.ActionResult}, ...). The
 * single-host runtime implements the service and serves it on its loopback API; the console calls it through its
 * gateway. Their JSON form is {@link io.palisade.control.StateJson}'s.
 */
package io.palisade.control.api;
