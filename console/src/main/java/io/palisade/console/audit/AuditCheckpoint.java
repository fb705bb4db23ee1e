package io.palisade.console.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * The head of the audit chain at one moment, to keep somewhere the console cannot reach (printed, mailed, on the
 * offline vault). A later {@code palisade audit-log verify --checkpoint FILE} proves the log still contains it: any
 * rewrite or truncation before that point is then detected even by someone who recomputed every hash.
 *
 * @param seq the last entry's sequence number
 * @param hash the last entry's hash
 * @param exportedAt when the checkpoint was taken
 */
public record AuditCheckpoint(long seq, String hash, Instant exportedAt) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_TEXT = 4096;

  /** Checks the hash's form. */
  public AuditCheckpoint {
    if (seq < 0) {
      throw new IllegalArgumentException("seq must be >= 0, was: " + seq);
    }
    AuditHash.parseHash(hash);
    Objects.requireNonNull(exportedAt, "exportedAt");
  }

  /**
   * @return one line of JSON: {@code {"format":"palisade-audit-checkpoint-v1","seq":..,"hash":"..","exportedAt":".."}}
   */
  public String toJson() {
    return "{\"format\":\"palisade-audit-checkpoint-v1\",\"seq\":" + seq + ",\"hash\":\"" + hash
        + "\",\"exportedAt\":\"" + exportedAt + "\"}";
  }

  /**
   * Reads a checkpoint written by {@link #toJson()}.
   *
   * @param text the file's content
   * @return the checkpoint
   * @throws IllegalArgumentException naming what is wrong with the text
   */
  public static AuditCheckpoint parse(String text) {
    if (text.length() > MAX_TEXT) {
      throw new IllegalArgumentException("a checkpoint is one short JSON line; this text has " + text.length()
          + " characters");
    }
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("a checkpoint must be JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("a checkpoint must be a JSON object");
    }
    if (!"palisade-audit-checkpoint-v1".equals(node.path("format").asText())) {
      throw new IllegalArgumentException("format must be \"palisade-audit-checkpoint-v1\", was: "
          + node.path("format"));
    }
    if (!node.path("seq").canConvertToLong() || !node.path("seq").isIntegralNumber()) {
      throw new IllegalArgumentException("seq must be a whole number, was: " + node.path("seq"));
    }
    if (!node.path("hash").isTextual()) {
      throw new IllegalArgumentException("hash must be 64 hex digits, was: " + node.path("hash"));
    }
    String hash = node.path("hash").asText();
    if (!hash.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("hash must be 64 lowercase hex digits, was: \"" + hash + "\"");
    }
    Instant exportedAt;
    try {
      exportedAt = Instant.parse(node.path("exportedAt").asText());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("exportedAt must be an ISO-8601 instant, was: " + node.path("exportedAt"));
    }
    return new AuditCheckpoint(node.path("seq").asLong(), hash, exportedAt);
  }
}
