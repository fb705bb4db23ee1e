/**
 * Pictures of the pool over time for the dashboard: a bounded history of what the console observed through the
 * gateway ({@link io.palisade.console.charts.PoolHistory}) and pure builders of server-rendered SVG (tip gap and hot
 * peers per node, the KES countdown, the rollout's steps). The SVG carries classes and presentation attributes only
 * (no {@code style} attribute, no script), so it passes the console's Content-Security-Policy; every text from the
 * pool is escaped.
 */
package io.palisade.console.charts;
