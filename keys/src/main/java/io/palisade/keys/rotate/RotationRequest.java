package io.palisade.keys.rotate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.palisade.chain.GenesisParameters;
import io.palisade.spec.AtomicFile;
import io.palisade.keys.InputFile;
import io.palisade.keys.KeysException;
import io.palisade.keys.PoolId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;

/**
 * What the online side saw, carried to the offline machine so it can issue the next opcert safely: the pool id, the
 * last opcert counter on chain (absent for a pool that never minted), and the current slot and KES period as the
 * node sees them (the offline machine's clock is not trusted alone).
 *
 * @param network network name
 * @param poolId the pool
 * @param onChainCounter the last opcert counter seen on chain, empty if the pool never minted a block
 * @param currentSlot the node's current slot
 * @param kesPeriod the KES period of {@code currentSlot}
 * @param createdAt when the request was written
 */
public record RotationRequest(
    String network, PoolId poolId, OptionalLong onChainCounter, long currentSlot, long kesPeriod, Instant createdAt) {
  /** The format name. */
  public static final String FORMAT = "palisade-rotation-request";
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Checks ranges. */
  public RotationRequest {
    if (currentSlot < 0 || kesPeriod < 0 || onChainCounter.orElse(0) < 0) {
      throw KeysException.invalid("rotation request: slot, KES period and counter must be >= 0");
    }
  }

  /**
   * A request for {@code currentSlot}, its KES period computed from the network's genesis.
   *
   * @param genesis the network's genesis
   */
  public static RotationRequest of(GenesisParameters genesis, PoolId poolId, OptionalLong onChainCounter,
      long currentSlot, Instant createdAt) {
    return new RotationRequest(genesis.networkName(), poolId, onChainCounter, currentSlot,
        currentSlot / genesis.slotsPerKesPeriod(), createdAt);
  }

  /** Writes the request file atomically. */
  public void write(Path file) {
    ObjectNode d = MAPPER.createObjectNode();
    d.put("format", FORMAT);
    d.put("version", 1);
    d.put("network", network);
    d.put("poolId", poolId.hex());
    if (onChainCounter.isPresent()) {
      d.put("onChainCounter", onChainCounter.getAsLong());
    } else {
      d.putNull("onChainCounter");
    }
    d.put("currentSlot", currentSlot);
    d.put("kesPeriod", kesPeriod);
    d.put("createdAt", createdAt.toString());
    byte[] bytes;
    try {
      bytes = MAPPER.writeValueAsBytes(d);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    try {
      AtomicFile.write(file, bytes, false);
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }

  /**
   * Reads a request file.
   *
   * @throws KeysException INVALID_INPUT naming the field that is missing or wrong
   */
  public static RotationRequest read(Path file) {
    JsonNode d;
    byte[] bytes = InputFile.read(file, 64 * 1024, "rotation request");
    try {
      d = MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw KeysException.invalid(file + ": not a rotation request (invalid JSON: truncated or corrupted?)");
    }
    if (d == null || !d.isObject() || !FORMAT.equals(d.path("format").asText()) || d.path("version").asInt() != 1) {
      throw KeysException.invalid(file + ": not a palisade rotation request (version 1)");
    }
    JsonNode counter = d.path("onChainCounter");
    if (!d.path("network").isTextual() || !d.path("poolId").isTextual() || !d.path("currentSlot").canConvertToLong()
        || !d.path("currentSlot").isIntegralNumber() || !d.path("kesPeriod").isIntegralNumber()
        || !(counter.isNull() || counter.isIntegralNumber()) || !d.path("createdAt").isTextual()) {
      throw KeysException.invalid(file + ": rotation request needs network, poolId, onChainCounter (number or null),"
          + " currentSlot, kesPeriod and createdAt");
    }
    try {
      return new RotationRequest(d.get("network").asText(), PoolId.parse(d.get("poolId").asText()),
          counter.isNull() ? OptionalLong.empty() : OptionalLong.of(counter.asLong()), d.get("currentSlot").asLong(),
          d.get("kesPeriod").asLong(), Instant.parse(d.get("createdAt").asText()));
    } catch (DateTimeParseException e) {
      throw KeysException.invalid(file + ": createdAt is not an ISO-8601 time");
    }
  }
}
