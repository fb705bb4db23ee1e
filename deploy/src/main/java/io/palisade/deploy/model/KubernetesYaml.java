package io.palisade.deploy.model;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.Method;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kubernetes objects to and from YAML with fabric8's serializer. Writing sorts every map (labels, annotations, data)
 * so the same objects always give the same bytes; reading reports fields the model does not know.
 */
public final class KubernetesYaml {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization(
      JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build(), true);

  private static final int MAX_DEPTH = 64;

  private KubernetesYaml() {}

  /**
   * One object as a YAML document (starting with {@code ---}).
   *
   * @param object a fabric8 model object
   * @return its YAML
   */
  public static String write(HasMetadata object) {
    String yaml = SERIALIZATION.asYaml(object);
    yaml = yaml.startsWith("---") ? yaml : "---\n" + yaml;
    return yaml.endsWith("\n") ? yaml : yaml + "\n";
  }

  /**
   * Reads every object of a YAML text (one or more documents) into fabric8 model classes.
   *
   * @param yaml the text
   * @return the objects, in document order
   * @throws IllegalArgumentException if the text is not Kubernetes YAML
   */
  public static List<HasMetadata> read(String yaml) {
    refuseAliasesAndDeepNesting(yaml);
    Object parsed;
    try {
      parsed = SERIALIZATION.unmarshal(yaml);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not Kubernetes YAML: " + e.getMessage(), e);
    }
    List<HasMetadata> out = new ArrayList<>();
    if (parsed instanceof HasMetadata one) {
      out.add(one);
    } else if (parsed instanceof Collection<?> many) {
      for (Object o : many) {
        if (o instanceof HasMetadata h) {
          out.add(h);
        } else if (o != null) {
          throw new IllegalArgumentException("not a Kubernetes object: " + o.getClass().getSimpleName());
        }
      }
    } else if (parsed instanceof io.fabric8.kubernetes.api.model.KubernetesList list) {
      out.addAll(list.getItems());
    } else if (parsed != null) {
      throw new IllegalArgumentException("not a Kubernetes object: " + parsed.getClass().getSimpleName());
    }
    for (HasMetadata o : out) {
      // Every check names the resource it judges; an object without a name is not a manifest anyone could apply.
      if (o.getMetadata() == null || o.getMetadata().getName() == null || o.getMetadata().getName().isBlank()) {
        throw new IllegalArgumentException(o.getKind() + " without metadata.name: not a manifest that can be applied");
      }
    }
    return out;
  }

  /** Rendered manifests never use anchors; an alias can make a self-referencing (endless) document. */
  private static void refuseAliasesAndDeepNesting(String yaml) {
    int depth = 0;
    try {
      for (Event e : new Parse(LoadSettings.builder().build()).parseString(yaml)) {
        switch (e.getEventId()) {
          case Alias -> throw new IllegalArgumentException("YAML aliases are not allowed in manifests"
              + e.getStartMark().map(m -> " (line " + (m.getLine() + 1) + ")").orElse(""));
          case MappingStart, SequenceStart -> {
            if (++depth > MAX_DEPTH) {
              throw new IllegalArgumentException("nested deeper than " + MAX_DEPTH + " levels");
            }
          }
          case MappingEnd, SequenceEnd -> depth--;
          default -> { }
        }
      }
    } catch (YamlEngineException e) {
      throw new IllegalArgumentException("not valid YAML: " + e.getMessage(), e);
    }
  }

  /**
   * Every field fabric8 did not recognise, as {@code path: key}; generic objects (unknown kinds) are reported whole.
   *
   * @param object a deserialized object
   * @return the unknown fields, empty when every field is known
   */
  public static List<String> unknownFields(Object object) {
    List<String> found = new ArrayList<>();
    walk(object, "$", found, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
    return found;
  }

  private static void walk(Object o, String path, List<String> found, Set<Object> seen) {
    if (o == null || !seen.add(o)) {
      return;
    }
    if (o instanceof io.fabric8.kubernetes.api.model.GenericKubernetesResource g) {
      found.add(path + ": kind " + g.getKind() + " is not a fabric8 model class");
      return;
    }
    if (o instanceof Collection<?> c) {
      int i = 0;
      for (Object item : c) {
        walk(item, path + "[" + i++ + "]", found, seen);
      }
      return;
    }
    if (o instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        walk(e.getValue(), path + "." + e.getKey(), found, seen);
      }
      return;
    }
    if (!(o instanceof KubernetesResource) && !o.getClass().getPackageName().startsWith("io.fabric8")) {
      return;
    }
    for (Method getter : o.getClass().getMethods()) {
      if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
          || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
        continue;
      }
      Object value;
      try {
        value = getter.invoke(o);
      } catch (ReflectiveOperationException e) {
        continue;
      }
      if (getter.getName().equals("getAdditionalProperties")) {
        if (value instanceof Map<?, ?> extra) {
          extra.keySet().forEach(k -> found.add(path + ": " + k));
        }
        continue;
      }
      String field = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
      walk(value, path + "." + field, found, seen);
    }
  }
}
