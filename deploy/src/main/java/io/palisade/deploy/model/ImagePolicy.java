package io.palisade.deploy.model;

import io.palisade.deploy.RenderRefusedException;
import io.palisade.spec.ImageRef;
import io.palisade.spec.PoolSpec;
import java.util.regex.Pattern;

/**
 * Images run only by digest and only from the pool's private registry. The spec loader checks the same; the renderer
 * checks again because a spec can also be built in code.
 */
public final class ImagePolicy {
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

  private ImagePolicy() {}

  /**
   * The reference to write in a manifest: {@code registry/repository[:tag]@sha256:…} (the tag is informative).
   *
   * @param spec the pool
   * @param image the image
   * @param field the spec field it came from, for the message
   * @return the reference
   * @throws RenderRefusedException if the image is absent, not digest-pinned, or not from the private registry
   */
  public static String pinned(PoolSpec spec, ImageRef image, String field) {
    if (image == null) {
      throw new RenderRefusedException(field + " is required to render Kubernetes resources: write it as"
          + " REGISTRY/REPOSITORY:TAG@sha256:<digest> from " + registryHost(spec));
    }
    if (image.digest() == null || !DIGEST.matcher(image.digest()).matches()) {
      throw new RenderRefusedException(field + " must be pinned by a sha256 digest, was: " + image);
    }
    if (spec.registry() == null || !Boolean.TRUE.equals(spec.registry().isPrivate())) {
      throw new RenderRefusedException("registry.private must be true: images only come from a private registry");
    }
    if (!image.registry().equals(spec.registry().host())) {
      throw new RenderRefusedException(field + " must come from the pool's registry " + spec.registry().host()
          + ", was: " + image.registry());
    }
    return image.toString();
  }

  private static String registryHost(PoolSpec spec) {
    return spec.registry() == null ? "the pool's registry" : spec.registry().host();
  }
}
