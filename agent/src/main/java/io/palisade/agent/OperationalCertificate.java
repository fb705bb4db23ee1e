package io.palisade.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.palisade.cbor.CborException;
import io.palisade.cbor.CborReader;
import io.palisade.ouroboros.CborMessages;
import io.palisade.ouroboros.ProtocolException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * The public facts of a node operational certificate ({@code node.opcert}, a cardano-cli text envelope of type
 * {@code NodeOperationalCertificate}): CBOR {@code [[hotVkey, counter, kesPeriod, sigma], coldVkey]}. The agent reads
 * it because the node exposes the start KES period but not the issue counter.
 *
 * @param hotVkey the KES verification key, hex (32 bytes)
 * @param issueCounter the certificate's issue counter (must grow with every new certificate)
 * @param kesPeriod the KES period the certificate starts at
 * @param coldVkey the pool's cold verification key, hex (32 bytes)
 */
public record OperationalCertificate(String hotVkey, long issueCounter, long kesPeriod, String coldVkey) {
  private static final int MAX_FILE_BYTES = 64 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Reads a text-envelope file.
   *
   * @param file the {@code node.opcert} file
   * @return the certificate's facts
   * @throws AgentInputException if the file is missing, too large, or not an operational certificate
   */
  public static OperationalCertificate read(Path file) {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_FILE_BYTES + 1);
    } catch (IOException e) {
      throw new AgentInputException("cannot read the operational certificate " + file + ": " + e.getMessage(), e);
    }
    if (bytes.length > MAX_FILE_BYTES) {
      throw new AgentInputException(file + " is larger than " + MAX_FILE_BYTES + " bytes: not an operational"
          + " certificate");
    }
    JsonNode envelope;
    try {
      envelope = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new AgentInputException(file + " is not a cardano-cli text envelope (JSON): " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new AgentInputException("cannot read the operational certificate " + file + ": " + e.getMessage(), e);
    }
    if (envelope == null || !envelope.isObject()) {
      throw new AgentInputException(file + " is not a cardano-cli text envelope (expected a JSON object)");
    }
    String type = envelope.path("type").asText("");
    if (!"NodeOperationalCertificate".equals(type)) {
      throw new AgentInputException(file + ": type must be \"NodeOperationalCertificate\", was: \"" + type + "\"");
    }
    byte[] cbor;
    try {
      cbor = HexFormat.of().parseHex(envelope.path("cborHex").asText(""));
    } catch (IllegalArgumentException e) {
      throw new AgentInputException(file + ": cborHex is not hexadecimal");
    }
    try {
      return fromCbor(cbor);
    } catch (ProtocolException e) {
      throw new AgentInputException(file + ": not an operational certificate: " + e.getMessage());
    }
  }

  /**
   * Decodes the certificate's CBOR.
   *
   * @param cbor {@code [[hotVkey, counter, kesPeriod, sigma], coldVkey]}
   * @return the certificate's facts
   * @throws ProtocolException naming what is wrong
   */
  public static OperationalCertificate fromCbor(byte[] cbor) throws ProtocolException {
    return CborMessages.decode(cbor, "operational certificate", OperationalCertificate::read);
  }

  private static OperationalCertificate read(CborReader r) throws CborException, ProtocolException {
    r.readArrayHeader(2, "an operational certificate");
    r.readArrayHeader(4, "the certificate body");
    byte[] hot = sized(r.readBytes(64), 32, "KES verification key");
    long counter = r.readUint();
    long period = r.readUint();
    sized(r.readBytes(128), 64, "cold key signature");
    byte[] cold = sized(r.readBytes(64), 32, "cold verification key");
    HexFormat hex = HexFormat.of();
    return new OperationalCertificate(hex.formatHex(hot), counter, period, hex.formatHex(cold));
  }

  private static byte[] sized(byte[] bytes, int size, String what) throws ProtocolException {
    if (bytes.length != size) {
      throw new ProtocolException(what + " must be " + size + " bytes, was " + bytes.length);
    }
    return bytes;
  }
}
