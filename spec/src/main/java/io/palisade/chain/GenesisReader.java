package io.palisade.chain;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;

/**
 * Reads the clock-relevant fields of byron-genesis.json and shelley-genesis.json, from the bundled networks or from a
 * custom network directory.
 */
public final class GenesisReader {
  /** Mainnet's byron genesis is about 1 MB; anything far larger is not a genesis file. */
  private static final int MAX_GENESIS_BYTES = 16 * 1024 * 1024;

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .disable(JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS)
          .build();

  static {
    JSON.getFactory()
        .setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
        .configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true);
  }

  private GenesisReader() {}

  /**
   * Reads the genesis of a custom network from a directory. The directory holds either a node {@code config.json}
   * naming its genesis files (as a node's configuration directory does) or files named {@code byron-genesis.json} and
   * {@code shelley-genesis.json}. The Shelley transition epoch is the config's {@code TestShelleyHardForkAtEpoch}; a
   * directory without a Byron genesis is Shelley from epoch 0.
   *
   * @param dir the network directory
   * @return the clock parameters
   * @throws InvalidGenesisException if files are missing or malformed
   */
  public static GenesisParameters readDirectory(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new InvalidGenesisException("network directory " + dir + " does not exist or is not a directory");
    }
    Path config = dir.resolve("config.json");
    JsonNode configJson = Files.isRegularFile(config) ? parse(config) : null;
    Path byron = dir.resolve(fileNamed(configJson, "ByronGenesisFile", "byron-genesis.json"));
    Path shelley = dir.resolve(fileNamed(configJson, "ShelleyGenesisFile", "shelley-genesis.json"));
    if (!Files.isRegularFile(shelley)) {
      throw new InvalidGenesisException("network directory " + dir + " has no Shelley genesis (" + shelley + ")");
    }
    JsonNode shelleyJson = parse(shelley);
    long transitionEpoch;
    JsonNode byronJson;
    if (Files.isRegularFile(byron)) {
      byronJson = parse(byron);
      JsonNode hardFork = configJson == null ? null : configJson.get("TestShelleyHardForkAtEpoch");
      if (hardFork == null || !hardFork.canConvertToLong() || hardFork.asLong() < 0) {
        throw new InvalidGenesisException(
            config + ": a network with a Byron genesis must state its Shelley hard fork as a non-negative"
                + " \"TestShelleyHardForkAtEpoch\" (found: " + (hardFork == null ? "nothing" : hardFork) + ")");
      }
      transitionEpoch = hardFork.asLong();
    } else {
      byronJson = null;
      transitionEpoch = 0;
    }
    return build(dir.getFileName().toString(), byronJson, byron.toString(), shelleyJson, shelley.toString(),
        transitionEpoch);
  }

  /**
   * The epoch from which a custom network elects leaders with Praos, as its config.json states it: its
   * {@code TestBabbageHardForkAtEpoch}, else (a network that starts in Conway) its {@code TestConwayHardForkAtEpoch}.
   * The leader module decides with it ({@code PraosEra}); this is the file's one reader.
   *
   * @param dir the custom network's directory, or null (a public network)
   * @return the stated epoch; empty without a directory, a config.json or a non-negative integer in either field
   * @throws InvalidGenesisException if config.json cannot be read or is not a JSON object
   */
  public static OptionalLong statedPraosEpoch(Path dir) {
    Path config = dir == null ? null : dir.resolve("config.json");
    if (config == null || !Files.isRegularFile(config)) {
      return OptionalLong.empty();
    }
    JsonNode json = parse(config);
    for (String field : new String[] {"TestBabbageHardForkAtEpoch", "TestConwayHardForkAtEpoch"}) {
      JsonNode value = json.get(field);
      if (value != null && value.canConvertToLong() && value.asLong() >= 0) {
        return OptionalLong.of(value.asLong());
      }
    }
    return OptionalLong.empty();
  }

  /**
   * Reads genesis parameters from the two genesis documents.
   *
   * @param networkName name for messages and {@link GenesisParameters#networkName()}
   * @param byron byron-genesis.json
   * @param shelley shelley-genesis.json
   * @param shelleyTransitionEpoch first Shelley epoch
   * @return the clock parameters
   */
  public static GenesisParameters read(
      String networkName, InputStream byron, InputStream shelley, long shelleyTransitionEpoch) {
    return build(networkName, parse(byron, "byron-genesis.json"), "byron-genesis.json",
        parse(shelley, "shelley-genesis.json"), "shelley-genesis.json", shelleyTransitionEpoch);
  }

  private static GenesisParameters build(
      String networkName, JsonNode byron, String byronName, JsonNode shelley, String shelleyName, long transitionEpoch) {
    Instant systemStart = instant(shelley, shelleyName, "systemStart");
    long networkMagic = integer(shelley, shelleyName, "networkMagic");
    long byronSlotMillis = 20_000;
    long byronK = integer(shelley, shelleyName, "securityParam");
    if (byron != null) {
      long byronStart = integer(byron, byronName, "startTime");
      if (transitionEpoch > 0 && byronStart != systemStart.getEpochSecond()) {
        throw new InvalidGenesisException(byronName + ": startTime " + byronStart + " differs from " + shelleyName
            + " systemStart " + systemStart + "; the two must name the same instant");
      }
      systemStart = Instant.ofEpochSecond(byronStart);
      byronSlotMillis = integer(byron, byronName, "blockVersionData", "slotDuration");
      byronK = integer(byron, byronName, "protocolConsts", "k");
      long protocolMagic = integer(byron, byronName, "protocolConsts", "protocolMagic");
      if (protocolMagic != networkMagic) {
        throw new InvalidGenesisException(byronName + ": protocolMagic " + protocolMagic + " differs from "
            + shelleyName + " networkMagic " + networkMagic);
      }
    }
    BigDecimal slotLength = decimal(shelley, shelleyName, "slotLength");
    BigDecimal slotMillis = slotLength.movePointRight(3);
    if (slotMillis.signum() <= 0 || slotMillis.stripTrailingZeros().scale() > 0) {
      throw new InvalidGenesisException(shelleyName + ": slotLength must be a positive whole number of milliseconds,"
          + " was: " + slotLength.toPlainString() + " s");
    }
    try {
      return new GenesisParameters(
          networkName,
          networkMagic,
          systemStart,
          byronSlotMillis,
          byronK,
          transitionEpoch,
          integer(shelley, shelleyName, "epochLength"),
          slotMillis.longValueExact(),
          integer(shelley, shelleyName, "slotsPerKESPeriod"),
          Math.toIntExact(integer(shelley, shelleyName, "maxKESEvolutions")),
          integer(shelley, shelleyName, "securityParam"),
          decimal(shelley, shelleyName, "activeSlotsCoeff").doubleValue());
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new InvalidGenesisException(networkName + " genesis: " + e.getMessage(), e);
    }
  }

  private static String fileNamed(JsonNode config, String field, String fallback) {
    if (config != null && config.path(field).isTextual()) {
      return config.get(field).asText();
    }
    return fallback;
  }

  private static JsonNode parse(Path file) {
    try {
      if (Files.size(file) > MAX_GENESIS_BYTES) {
        throw new InvalidGenesisException(file + " is larger than " + MAX_GENESIS_BYTES + " bytes: not a genesis file");
      }
      try (InputStream in = Files.newInputStream(file)) {
        return parse(in, file.toString());
      }
    } catch (IOException e) {
      throw new InvalidGenesisException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static JsonNode parse(InputStream in, String name) {
    try {
      byte[] bytes = in.readNBytes(MAX_GENESIS_BYTES + 1);
      if (bytes.length > MAX_GENESIS_BYTES) {
        throw new InvalidGenesisException(name + " is larger than " + MAX_GENESIS_BYTES + " bytes: not a genesis file");
      }
      JsonNode node = JSON.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw new InvalidGenesisException(name + ": expected a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new InvalidGenesisException(name + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  private static JsonNode field(JsonNode root, String file, String... path) {
    JsonNode node = root;
    for (String p : path) {
      node = node.path(p);
    }
    if (node.isMissingNode() || node.isNull()) {
      throw new InvalidGenesisException(file + ": missing field " + String.join(".", path));
    }
    return node;
  }

  private static long integer(JsonNode root, String file, String... path) {
    JsonNode node = field(root, file, path);
    // Byron writes some integers as strings ("slotDuration": "20000").
    String text = node.isTextual() ? node.asText() : node.isIntegralNumber() ? node.asText() : null;
    if (text == null) {
      throw new InvalidGenesisException(file + ": " + String.join(".", path) + " must be an integer, was: " + node);
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new InvalidGenesisException(file + ": " + String.join(".", path) + " must be an integer, was: " + node);
    }
  }

  private static BigDecimal decimal(JsonNode root, String file, String... path) {
    JsonNode node = field(root, file, path);
    if (!node.isNumber()) {
      throw new InvalidGenesisException(file + ": " + String.join(".", path) + " must be a number, was: " + node);
    }
    return node.decimalValue();
  }

  private static Instant instant(JsonNode root, String file, String... path) {
    JsonNode node = field(root, file, path);
    try {
      return Instant.parse(node.asText());
    } catch (DateTimeParseException e) {
      throw new InvalidGenesisException(
          file + ": " + String.join(".", path) + " must be an ISO-8601 UTC time, was: " + node);
    }
  }
}
