package io.palisade.console.audit;

/**
 * The end of the chain: how many entries and the last hash.
 *
 * @param seq the last entry's sequence number (0 when empty)
 * @param hash the last entry's hash ({@link AuditHash#GENESIS} when empty)
 */
public record AuditHead(long seq, String hash) {}
