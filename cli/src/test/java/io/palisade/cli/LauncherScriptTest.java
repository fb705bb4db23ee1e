package io.palisade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./palisade} launcher's first build: Maven's output (SLF4J warnings, colour codes) stays off the terminal
 * when the build works, and its end is shown when it fails. A stand-in {@code mvn} and {@code java} on the PATH play
 * the build and the jar, so the real script runs in seconds.
 */
class LauncherScriptTest {
  @TempDir Path tmp;

  private record Run(int code, String out, String err) {}

  private Path checkout(String mvnBody) throws Exception {
    Path root = tmp.resolve("checkout");
    Files.createDirectories(root.resolve("cli/src/main/java"));
    Files.writeString(root.resolve("cli/src/main/java/Main.java"), "class Main {}\n");
    Path script = root.resolve("palisade");
    Files.copy(Path.of("..", "palisade"), script);
    Path bin = tmp.resolve("bin");
    Files.createDirectories(bin);
    write(bin.resolve("mvn"), "#!/usr/bin/env bash\n" + mvnBody);
    write(bin.resolve("java"), "#!/usr/bin/env bash\necho \"java ran with: $*\"\n");
    return script;
  }

  private static void write(Path file, String text) throws Exception {
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private Run run(Path script, String... args) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(concat(List.of("bash", script.toString()), args));
    Map<String, String> env = pb.environment();
    env.put("PATH", tmp.resolve("bin") + ":" + env.get("PATH"));
    Process p = pb.start();
    p.getOutputStream().close();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  private static List<String> concat(List<String> a, String... b) {
    java.util.ArrayList<String> all = new java.util.ArrayList<>(a);
    all.addAll(List.of(b));
    return all;
  }

  @Test
  void aWorkingBuild_showsOnlyPalisadesOwnLines_thenRunsTheJar() throws Exception {
    Path script = checkout("""
        printf '\\033[0m\\033[0mSLF4J(W): No SLF4J providers were found.\\n'
        echo 'SLF4J(W): Defaulting to no-operation (NOP) logger implementation' >&2
        mkdir -p cli/target && touch cli/target/palisade.jar
        """);
    Run run = run(script, "status", "--json");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("java ran with: -jar " + script.getParent().resolve("cli/target/palisade.jar")
        + " status --json\n");
    assertThat(run.err().lines()).isNotEmpty().allSatisfy(l -> assertThat(l).startsWith("palisade: "));
    assertThat(run.err()).contains("palisade: building").contains("palisade: built in").doesNotContain("SLF4J")
        .doesNotContain("\u001b");
    // Up to date now: no build, no build lines.
    Run again = run(script, "status");
    assertThat(again.err()).isEmpty();
  }

  @Test
  void aFailingBuild_showsMavensErrorWithoutColour_andExits70() throws Exception {
    Path script = checkout("""
        printf '\\033[1;31m[ERROR] COMPILATION ERROR : Main.java:[1,1] broken\\033[0m\\n'
        exit 1
        """);
    Run run = run(script, "status");
    assertThat(run.code()).isEqualTo(70);
    assertThat(run.err()).contains("[ERROR] COMPILATION ERROR : Main.java:[1,1] broken")
        .contains("palisade: build failed (exit 1); the whole log is " + script.getParent()
            .resolve("cli/target/palisade-build.log"))
        .doesNotContain("\u001b");
    assertThat(run.out()).isEmpty();
  }
}
