package io.palisade.spec;

import io.palisade.spec.binding.Default;
import io.palisade.spec.binding.Doc;
import io.palisade.spec.binding.Pattern;

/**
 * The chain database volume.
 *
 * @param size volume size
 * @param storageClass Kubernetes storage class; the cluster default when absent
 */
public record StorageSpec(
    @Default("300Gi") @Doc(value = "Volume size.", example = "300Gi") Quantity size,
    @Pattern(regex = "[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?", meaning = "a Kubernetes storage class name")
    @Doc("Kubernetes storage class; the cluster default when absent.")
    String storageClass) {}
