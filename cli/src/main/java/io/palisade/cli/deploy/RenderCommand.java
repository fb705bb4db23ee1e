package io.palisade.cli.deploy;

import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.cli.JsonOption;
import io.palisade.deploy.RenderRefusedException;
import io.palisade.deploy.files.PoolFiles;
import io.palisade.deploy.model.HotKeyFiles;
import io.palisade.deploy.model.RenderOptions;
import io.palisade.deploy.output.OutputDirectory;
import io.palisade.deploy.output.PoolRenderer;
import io.palisade.deploy.output.RenderedFile;
import io.palisade.spec.LoadedPoolSpec;
import io.palisade.spec.PoolSpecLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code palisade render pool.yaml --out DIR}: everything the pool needs, as files; the same spec, the same bytes. */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    header = "Render a pool's node configs, hardened Kubernetes resources and host firewalls.",
    description = {
        "Writes DIR/kubernetes/*.yaml (one object per file, numbered in apply order), DIR/nodes/NODE/{config,"
            + "topology}.json and DIR/firewall/NODE.nft. Rendering twice gives identical bytes.",
        "The hot-key Secret is written WITHOUT data: 'palisade k8s apply' or the operator fills it from the vault's"
            + " hot-key bundle, in memory. Refuses (exit 3) images not pinned by digest or not from the pool's"
            + " registry, and node versions no official configuration supports."})
public final class RenderCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin JsonOption json;

  @Parameters(paramLabel = "FILE", description = "The pool spec, usually pool.yaml.")
  Path file;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created if absent).")
  Path out;

  @Mixin ClusterOptions cluster;

  @Option(names = "--insecure-include-hot-keys", paramLabel = "KEYDIR",
      description = "DANGEROUS: put kes.skey, vrf.skey and node.cert from KEYDIR into the Secret's file on disk"
          + " (owner-only). Hot keys on disk can be stolen; use only on an encrypted, short-lived directory.")
  Path hotKeyDir;

  /**
   * The render's result for {@code --json}.
   *
   * @param out the output directory
   * @param files the files written, relative to it
   * @param warnings what could not be rendered exactly as intended
   * @param hotKeysIncluded whether key material was written
   */
  public record RenderResult(String out, List<String> files, List<String> warnings, boolean hotKeysIncluded) {}

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    LoadedPoolSpec loaded = new PoolSpecLoader().load(file);
    RenderOptions options = cluster.renderOptions();
    Optional<HotKeyFiles> hotKeys = Optional.empty();
    if (hotKeyDir != null) {
      err.println("palisade: WARNING: --insecure-include-hot-keys writes the block producer's KES and VRF signing"
          + " keys to " + out.resolve(PoolRenderer.KUBERNETES_DIR) + " in plain base64. Anyone who reads that file"
          + " can sign blocks as your pool. Delete it as soon as it is applied.");
      try {
        hotKeys = Optional.of(PoolFiles.hotKeys(hotKeyDir));
      } catch (IOException | IllegalArgumentException e) {
        throw new ExitException(ExitCodes.INVALID_INPUT, "hot keys: " + e.getMessage());
      }
    }
    PoolRenderer.Rendered rendered;
    List<String> written;
    try {
      rendered = PoolRenderer.render(loaded, options, hotKeys);
      written = new OutputDirectory(out).write(rendered.files());
    } catch (RenderRefusedException e) {
      throw new ExitException(ExitCodes.REFUSED, "render refused: " + e.getMessage());
    } catch (IOException e) {
      throw new ExitException(ExitCodes.INVALID_INPUT, "cannot write " + out + ": " + e.getMessage(), e);
    } finally {
      hotKeys.ifPresent(HotKeyFiles::close);
    }
    rendered.warnings().forEach(w -> err.println("palisade: warning: " + w));
    err.flush();
    RenderResult result = new RenderResult(out.toString(), written, rendered.warnings(), hotKeyDir != null);
    json.print(stdout, result, () -> {
      long k8s = count(rendered.files(), PoolRenderer.KUBERNETES_DIR);
      long nodes = count(rendered.files(), PoolRenderer.NODES_DIR);
      long firewall = count(rendered.files(), PoolRenderer.FIREWALL_DIR);
      stdout.printf("rendered %s into %s: %d Kubernetes objects, %d node files, %d firewall rulesets%n",
          loaded.spec().name(), out, k8s, nodes, firewall);
      stdout.printf("check it with: palisade audit %s%n", out);
      stdout.flush();
    });
    return ExitCodes.OK;
  }

  private static long count(List<RenderedFile> files, String dir) {
    return files.stream().filter(f -> f.path().startsWith(dir + "/")).count();
  }
}
