/** Cold-key vault: cardano-cli-compatible keys, Sum6 KES, VRF, opcerts, encrypted vault, k-of-n backups, hot-key bundles. Runs offline. */
package io.palisade.keys;
