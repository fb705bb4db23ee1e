package io.palisade.spec;

import io.palisade.spec.binding.Doc;

/**
 * Host firewall settings for pools run on VMs.
 *
 * @param sshBastion the one address (or CIDR block) allowed to reach SSH on the nodes; without it SSH is dropped
 */
public record FirewallSpec(
    @Doc(value = "IP address or CIDR block of the bastion allowed to SSH into the node VMs; without it SSH is dropped"
        + " like everything else.", example = "198.51.100.10")
    String sshBastion) {}
