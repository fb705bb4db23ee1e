package io.palisade.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.spec.NodeVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated node's class-data archive, with a real JVM: a first start lists its classes, the archive is built
 * from the list, a later start loads its classes from it; an archive that does not match its marker (a truncated one
 * would crash the JVM) is removed, never used. One pass through the whole cycle: each step is a JVM start.
 */
class SimulatedClassArchiveTest {
  @TempDir static Path dir;
  static Path jar;
  static NodeCommand.Simulated command;

  @BeforeAll
  static void buildJar() throws IOException {
    Path src = dir.resolve("src/Hello.java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, "public class Hello { public static void main(String[] a) {"
        + " System.out.println(new java.util.TreeMap<String, String>(java.util.Map.of(\"k\", \"v\"))); } }");
    Path classes = Files.createDirectories(dir.resolve("classes"));
    assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), src.toString()))
        .isZero();
    jar = dir.resolve("hello.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("Hello.class"));
      out.write(Files.readAllBytes(classes.resolve("Hello.class")));
      out.closeEntry();
    }
    String java = ProcessHandle.current().info().command().orElseThrow();
    command = new NodeCommand.Simulated(java, jar.toString(), "Hello", List.of(),
        NodeCommand.Simulated.SMALL_JVM, null, null);
  }

  @Test
  void aListedStart_buildsAnArchive_thatTheNextStartLoadsItsClassesFrom_andATruncatedOneIsRemoved() throws Exception {
    SimulatedClassArchive archive = SimulatedClassArchive.of(command, dir.resolve("cache")).orElseThrow();
    Path node = Files.createDirectories(dir.resolve("node"));

    List<String> first = archive.optionsFor(node);
    assertThat(first).containsExactly("-XX:DumpLoadedClassList=" + node.resolve("classes.lst"));
    assertThat(run(first)).contains("{k=v}");
    assertThat(node.resolve("classes.lst")).content(StandardCharsets.UTF_8).contains("Hello");

    assertThat(archive.build(node.resolve("classes.lst"))).isTrue();
    List<String> later = archive.optionsFor(node);
    assertThat(later).containsExactly("-XX:SharedArchiveFile=" + archive.file());
    List<String> logged = new ArrayList<>(later);
    logged.add("-Xlog:class+load=info");
    assertThat(run(logged)).contains("Hello source: shared objects file").contains("{k=v}");

    // A power cut that kept a shorter file: the JDK would map past its end and die of SIGBUS. A control plane
    // started afterwards removes it rather than pass it to a node.
    byte[] whole = Files.readAllBytes(archive.file());
    Files.write(archive.file(), java.util.Arrays.copyOf(whole, whole.length / 2));
    SimulatedClassArchive afterRestart = SimulatedClassArchive.of(command, dir.resolve("cache")).orElseThrow();
    assertThat(afterRestart.whole()).isFalse();
    assertThat(archive.file()).doesNotExist();
  }

  @Test
  void aClassPathWithDirectories_getsNoArchive() {
    NodeCommand.Simulated fromDirectories = new NodeCommand.Simulated(command.java(),
        jar + java.io.File.pathSeparator + dir.resolve("classes"), "Hello", List.of(), List.of(), null, null);

    assertThat(SimulatedClassArchive.of(fromDirectories, dir.resolve("cache"))).isEmpty();
  }

  private static String run(List<String> extraJvm) throws Exception {
    Path out = dir.resolve("out-" + System.nanoTime() + ".txt");
    Process p = new ProcessBuilder(command.command(NodeVersion.parse("10.5.3"), List.of(), extraJvm))
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    try (OutputStream ignored = p.getOutputStream()) {
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the JVM exits").isTrue();
    } finally {
      p.destroyForcibly();
    }
    String text = Files.readString(out);
    assertThat(p.exitValue()).as(text).isZero();
    return text;
  }
}
