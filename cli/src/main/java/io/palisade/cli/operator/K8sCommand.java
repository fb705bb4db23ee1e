package io.palisade.cli.operator;

import picocli.CommandLine.Command;

/** {@code palisade k8s}: the pool as a StakePool resource. */
@Command(
    name = "k8s",
    mixinStandardHelpOptions = true,
    header = "Run the pool on Kubernetes: the StakePool resource the operator acts on.",
    subcommands = {K8sCrdCommand.class, K8sApplyCommand.class, K8sStatusCommand.class,
        K8sOperatorManifestsCommand.class, K8sSwitchoverCommand.class})
public final class K8sCommand {}
