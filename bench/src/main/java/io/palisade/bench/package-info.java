/**
 * Benchmarks. Each area has its own package ({@code io.palisade.bench.keys}, {@code ...agent}, ...) and prints what
 * it measured beside the figure its issue names. Run them with {@code bench/run.sh}; tests never do.
 */
package io.palisade.bench;
