package io.palisade.console.delay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.palisade.console.delay.ConsoleAction.ChangeDelay;
import io.palisade.console.delay.ConsoleAction.FactorKind;
import io.palisade.console.delay.ConsoleAction.OnPool;
import io.palisade.console.delay.ConsoleAction.RemoveFactor;
import io.palisade.console.delay.ConsoleAction.RemoveOperator;
import io.palisade.gateway.KeyRole;
import io.palisade.gateway.PoolAction;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The exact, canonical text of an action: a JSON object with a {@code type} and string fields, keys sorted, no
 * whitespace. Equal actions have byte-equal payloads, so the stored hash identifies the action; {@link #decode}
 * accepts only canonical text (it re-encodes and compares), so a payload edited in the database is refused rather
 * than reinterpreted.
 */
public final class CanonicalPayload {
  /** Longest payload accepted. */
  public static final int MAX_LENGTH = 2_000;

  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private CanonicalPayload() {}

  /**
   * @param action an action
   * @return its canonical payload
   */
  public static String encode(ConsoleAction action) {
    Map<String, String> f = new TreeMap<>();
    if (action instanceof OnPool p) {
      p.action().accept(new PoolFields(f));
    } else if (action instanceof RemoveOperator r) {
      f.put("type", "operator.remove");
      f.put("username", r.username());
    } else if (action instanceof RemoveFactor r) {
      f.put("type", "factor.remove");
      f.put("username", r.username());
      f.put("factor", r.factor().name());
      f.put("credential", r.credentialId());
    } else if (action instanceof ChangeDelay d) {
      f.put("type", "delay.change");
      f.put("delay", d.delay().toString());
    } else {
      throw new IllegalStateException("no canonical form for " + action.getClass().getName());
    }
    return write(f);
  }

  /**
   * Reads a canonical payload back.
   *
   * @param payload stored text
   * @return the action
   * @throws IllegalArgumentException when the text is not the canonical form of a known action
   */
  public static ConsoleAction decode(String payload) {
    if (payload == null || payload.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("a payload must be at most " + MAX_LENGTH + " characters");
    }
    JsonNode node;
    try {
      node = JSON.readTree(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("a payload must be JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("a payload must be a JSON object");
    }
    Map<String, String> f = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw new IllegalArgumentException("payload field " + e.getKey() + " must be a string");
      }
      f.put(e.getKey(), e.getValue().asText());
    }
    ConsoleAction action = fromFields(f);
    String again = encode(action);
    if (!again.equals(payload)) {
      throw new IllegalArgumentException("the payload is not in canonical form (expected " + again + ")");
    }
    return action;
  }

  private static ConsoleAction fromFields(Map<String, String> f) {
    String type = f.getOrDefault("type", "");
    return switch (type) {
      case "pool.upgrade" -> only(f, f.containsKey("allowDowngrade") ? Set.of("version", "allowDowngrade")
          : Set.of("version"), () -> new OnPool(new PoolAction.Upgrade(f.get("version"),
              "true".equals(f.get("allowDowngrade")))));
      case "pool.add-relay" -> only(f, Set.of("region"), () -> new OnPool(new PoolAction.AddRelay(f.get("region"))));
      case "pool.remove-relay" -> only(f, Set.of("node"), () -> new OnPool(new PoolAction.RemoveRelay(f.get("node"))));
      case "pool.remove-node" -> only(f, Set.of("node"), () -> new OnPool(new PoolAction.RemoveNode(f.get("node"))));
      case "pool.delete-volume" ->
          only(f, Set.of("node"), () -> new OnPool(new PoolAction.DeleteVolume(f.get("node"))));
      case "pool.delete-pool" -> only(f, Set.of(), () -> new OnPool(new PoolAction.DeletePool()));
      case "pool.rotate-keys" -> only(f, f.containsKey("passphraseFile") ? Set.of("role", "passphraseFile")
          : Set.of("role"), () -> new OnPool(new PoolAction.RotateKeys(KeyRole.valueOf(f.get("role")),
              f.get("passphraseFile"))));
      case "pool.revoke-keys" -> only(f, Set.of("role", "reason"),
          () -> new OnPool(new PoolAction.RevokeKeys(KeyRole.valueOf(f.get("role")), f.get("reason"))));
      case "operator.remove" -> only(f, Set.of("username"), () -> new RemoveOperator(f.get("username")));
      case "factor.remove" -> only(f, Set.of("username", "factor", "credential"),
          () -> new RemoveFactor(f.get("username"), FactorKind.valueOf(f.get("factor")), f.get("credential")));
      case "delay.change" -> only(f, Set.of("delay"), () -> new ChangeDelay(Duration.parse(f.get("delay"))));
      default -> throw new IllegalArgumentException("unknown action type: \"" + type + "\"");
    };
  }

  private static ConsoleAction only(
      Map<String, String> f, Set<String> fields, java.util.function.Supplier<ConsoleAction> make) {
    for (String k : f.keySet()) {
      if (!k.equals("type") && !fields.contains(k)) {
        throw new IllegalArgumentException("unexpected payload field " + k + " for " + f.get("type"));
      }
    }
    for (String k : fields) {
      if (!f.containsKey(k)) {
        throw new IllegalArgumentException("missing payload field " + k + " for " + f.get("type"));
      }
    }
    try {
      return make.get();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("invalid " + f.get("type") + " payload: " + e.getMessage(), e);
    }
  }

  /** The fields of each kind of pool action; a new kind does not compile without its canonical form. */
  private static final class PoolFields implements PoolAction.Visitor<Void> {
    private final Map<String, String> f;

    PoolFields(Map<String, String> f) {
      this.f = f;
    }

    @Override
    public Void upgrade(PoolAction.Upgrade u) {
      f.put("type", "pool.upgrade");
      f.put("version", u.version());
      if (u.allowDowngrade()) {
        f.put("allowDowngrade", "true"); // absent otherwise: payloads of earlier versions keep their bytes
      }
      return null;
    }

    @Override
    public Void addRelay(PoolAction.AddRelay r) {
      f.put("type", "pool.add-relay");
      f.put("region", r.region());
      return null;
    }

    @Override
    public Void removeRelay(PoolAction.RemoveRelay r) {
      f.put("type", "pool.remove-relay");
      f.put("node", r.node());
      return null;
    }

    @Override
    public Void removeNode(PoolAction.RemoveNode r) {
      f.put("type", "pool.remove-node");
      f.put("node", r.node());
      return null;
    }

    @Override
    public Void deleteVolume(PoolAction.DeleteVolume d) {
      f.put("type", "pool.delete-volume");
      f.put("node", d.node());
      return null;
    }

    @Override
    public Void deletePool(PoolAction.DeletePool d) {
      f.put("type", "pool.delete-pool");
      return null;
    }

    @Override
    public Void rotateKeys(PoolAction.RotateKeys r) {
      f.put("type", "pool.rotate-keys");
      f.put("role", r.role().name());
      if (!r.passphraseFile().isEmpty()) {
        f.put("passphraseFile", r.passphraseFile());
      }
      return null;
    }

    @Override
    public Void revokeKeys(PoolAction.RevokeKeys r) {
      f.put("type", "pool.revoke-keys");
      f.put("role", r.role().name());
      f.put("reason", r.reason());
      return null;
    }
  }

  private static String write(Map<String, String> sorted) {
    StringBuilder sb = new StringBuilder("{");
    boolean first = true;
    for (Map.Entry<String, String> e : sorted.entrySet()) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      string(sb, e.getKey());
      sb.append(':');
      string(sb, e.getValue());
    }
    return sb.append('}').toString();
  }

  private static void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || Character.isSurrogate(c) || c == 0x2028
          || c == 0x2029) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    sb.append('"');
  }
}
