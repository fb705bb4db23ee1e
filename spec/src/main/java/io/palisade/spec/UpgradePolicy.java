package io.palisade.spec;

import io.palisade.spec.binding.Default;
import io.palisade.spec.binding.Doc;
import java.time.Duration;

/**
 * How node upgrades roll out: one node at a time, relays region by region, the block producer last.
 *
 * @param deadlinePerNode how long an upgraded node has to become ready before it is rolled back
 * @param holdOff how long to wait after a node is ready before touching the next
 */
public record UpgradePolicy(
    @Default("2h")
    @Doc("How long an upgraded node has to become ready again (a ledger replay can take an hour) before it is rolled"
        + " back.")
    Duration deadlinePerNode,
    @Default("10m") @Doc("Settle time after a node is ready before the next one is touched.") Duration holdOff) {}
