package io.palisade.runtime.local;

import java.time.Instant;

/**
 * {@code control-plane.json}: where the running control plane of a data directory listens.
 *
 * @param pid the control plane's process id
 * @param url its base URL ({@code http://127.0.0.1:PORT})
 * @param pool the pool it runs
 * @param startedAt when it started
 */
public record ControlPlaneInfo(long pid, String url, String pool, Instant startedAt) {}
