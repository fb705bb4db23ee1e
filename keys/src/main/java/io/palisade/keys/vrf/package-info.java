/**
 * Cardano's "praos" VRF: ECVRF-ED25519-SHA512-Elligator2 (IETF draft-03) as the node's libsodium fork implements it.
 * {@link io.palisade.keys.vrf.PraosVrf} proves and verifies; {@link io.palisade.keys.vrf.VrfEvaluator} holds an
 * expanded key for many proofs or proof-less outputs. The field, group and scalar arithmetic underneath are
 * package-private.
 */
package io.palisade.keys.vrf;
