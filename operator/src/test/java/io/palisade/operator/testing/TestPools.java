package io.palisade.operator.testing;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.palisade.operator.model.PoolSpecCheck;
import io.palisade.operator.model.StakePool;
import io.palisade.operator.model.StakePoolSpec;
import io.palisade.operator.model.StakePoolStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The test pool ({@code test-pool.yaml}) as text and as a StakePool. */
public final class TestPools {
  /** The test pool's name. */
  public static final String NAME = "tpool";
  /** Its namespace. */
  public static final String NAMESPACE = "tpool-pool";
  /** The version it starts on. */
  public static final String V1 = "10.5.3";
  /** A good next version. */
  public static final String V2 = "10.5.4";
  /** A version the tests make never become ready. */
  public static final String BAD = "10.5.5";

  private TestPools() {}

  /** The YAML text. */
  public static String yaml() {
    try (InputStream in = TestPools.class.getResourceAsStream("/test-pool.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The test pool as a StakePool in its namespace. */
  public static StakePool stakePool() {
    StakePool p = new StakePool();
    p.setMetadata(new ObjectMetaBuilder().withName(NAME).withNamespace(NAMESPACE).build());
    p.setSpec(PoolSpecCheck.fromYaml(yaml()));
    return p;
  }

  /**
   * The test pool with a status listing only its block producer, running and ready in pod {@code block-producer-0}
   * (what a console attaches to before the operator has reported the relays).
   */
  public static StakePool withBlockProducerOnly() {
    StakePool p = stakePool();
    StakePoolStatus s = new StakePoolStatus();
    StakePoolStatus.NodeView bp = new StakePoolStatus.NodeView();
    bp.name = "block-producer";
    bp.role = "BLOCK_PRODUCER";
    bp.pod = "block-producer-0";
    bp.ready = true;
    bp.phase = "RUNNING";
    s.nodes = List.of(bp);
    p.setStatus(s);
    return p;
  }

  /** An image reference for {@code version} (a digest made from the version). */
  public static String image(String version) {
    String hex = String.format("%064x", new java.math.BigInteger(1, version.getBytes(StandardCharsets.UTF_8)));
    return "registry.palisade.example/palisade/cardano-node:" + version + "@sha256:" + hex;
  }

  /** The spec moved to {@code version}. */
  public static StakePoolSpec atVersion(StakePoolSpec spec, String version) {
    StakePoolSpec s = PoolSpecCheck.fromYaml(PoolSpecCheck.toYaml(spec));
    s.node.version = version;
    s.node.image = image(version);
    return s;
  }
}
