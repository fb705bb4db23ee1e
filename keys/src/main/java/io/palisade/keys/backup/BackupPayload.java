package io.palisade.keys.backup;

import io.palisade.keys.EnvelopeType;
import io.palisade.keys.KeysException;
import io.palisade.keys.KeysException.Kind;
import io.palisade.keys.SigningKey;
import io.palisade.keys.TextEnvelope;
import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The vault's secret keys as one binary blob, the plaintext a backup set seals. Binary rather than JSON so the
 * secrets never become immutable Java strings, and so it can be wiped.
 *
 * <pre>
 * "PBK1"
 * u64 lastIssuedCounter + 1 (0 = none)   u64 lastIssuedKesPeriod + 1 (0 = none)
 * u8 count, then count × { u8 nameLen, name, u8 typeLen, type, u16 keyLen, raw key }
 * </pre>
 */
public final class BackupPayload implements AutoCloseable {
  private static final byte[] MAGIC = "PBK1".getBytes(StandardCharsets.US_ASCII);

  private final Map<String, SigningKey> keys;
  private final OptionalLong lastIssuedCounter;
  private final OptionalLong lastIssuedKesPeriod;

  /**
   * @param keys name to key (taken over: closed by {@link #close()})
   * @param lastIssuedCounter the vault's last issued opcert counter
   * @param lastIssuedKesPeriod its KES period
   */
  public BackupPayload(Map<String, SigningKey> keys, OptionalLong lastIssuedCounter, OptionalLong lastIssuedKesPeriod) {
    this.keys = new LinkedHashMap<>(keys);
    this.lastIssuedCounter = lastIssuedCounter;
    this.lastIssuedKesPeriod = lastIssuedKesPeriod;
  }

  /** The keys by name. */
  public Map<String, SigningKey> keys() {
    return java.util.Collections.unmodifiableMap(keys);
  }

  /** The last issued counter recorded in the vault. */
  public OptionalLong lastIssuedCounter() {
    return lastIssuedCounter;
  }

  /** Its KES period. */
  public OptionalLong lastIssuedKesPeriod() {
    return lastIssuedKesPeriod;
  }

  /** The binary form; the caller wipes it. */
  public byte[] encode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(MAGIC);
    out.writeBytes(ByteBuffer.allocate(16).putLong(lastIssuedCounter.orElse(-1) + 1)
        .putLong(lastIssuedKesPeriod.orElse(-1) + 1).array());
    out.write(keys.size());
    for (Map.Entry<String, SigningKey> e : keys.entrySet()) {
      byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
      byte[] type = e.getValue().type().type().getBytes(StandardCharsets.UTF_8);
      TextEnvelope env = e.getValue().toEnvelope();
      byte[] raw = env.rawKey(e.getValue().type(), e.getKey());
      env.wipe();
      out.write(name.length);
      out.writeBytes(name);
      out.write(type.length);
      out.writeBytes(type);
      out.write(raw.length >>> 8);
      out.write(raw.length & 0xff);
      out.writeBytes(raw);
      Arrays.fill(raw, (byte) 0);
    }
    return out.toByteArray();
  }

  /**
   * Parses the binary form (already authenticated by AES-GCM, but checked all the same).
   *
   * @throws KeysException TAMPERED if malformed
   */
  public static BackupPayload decode(byte[] bytes) {
    Map<String, SigningKey> keys = new LinkedHashMap<>();
    try {
      ByteBuffer in = ByteBuffer.wrap(bytes);
      byte[] magic = new byte[4];
      in.get(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new KeysException(Kind.TAMPERED, "backup contents have an unknown format");
      }
      long counter = in.getLong() - 1;
      long period = in.getLong() - 1;
      int count = in.get() & 0xff;
      for (int i = 0; i < count; i++) {
        String name = new String(take(in, in.get() & 0xff), StandardCharsets.UTF_8);
        String type = new String(take(in, in.get() & 0xff), StandardCharsets.UTF_8);
        byte[] raw = take(in, in.getShort() & 0xffff);
        EnvelopeType t = EnvelopeType.byType(type).filter(EnvelopeType::isSecret)
            .orElseThrow(() -> new KeysException(Kind.TAMPERED, "backup contents hold an unknown key type"));
        TextEnvelope env = TextEnvelope.ofRawKey(t, raw);
        Arrays.fill(raw, (byte) 0);
        try {
          keys.put(name, SigningKey.fromEnvelope(env, "backed-up key \"" + name + "\""));
        } finally {
          env.wipe();
        }
      }
      if (in.hasRemaining()) {
        throw new KeysException(Kind.TAMPERED, "backup contents have trailing bytes");
      }
      return new BackupPayload(keys, counter < 0 ? OptionalLong.empty() : OptionalLong.of(counter),
          period < 0 ? OptionalLong.empty() : OptionalLong.of(period));
    } catch (BufferUnderflowException e) {
      keys.values().forEach(SigningKey::close);
      throw new KeysException(Kind.TAMPERED, "backup contents are truncated");
    } catch (RuntimeException e) {
      keys.values().forEach(SigningKey::close);
      throw e;
    }
  }

  private static byte[] take(ByteBuffer in, int n) {
    byte[] b = new byte[n];
    in.get(b);
    return b;
  }

  /** Wipes every key. */
  @Override
  public void close() {
    keys.values().forEach(SigningKey::close);
  }

  @Override
  public String toString() {
    return "BackupPayload[keys " + keys.keySet() + "]";
  }
}
