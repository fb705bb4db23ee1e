package io.palisade.bench.console;

import io.palisade.console.testing.CrashWorkload;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The console's crash harness (issue 16, target: 0 operations lost): many rounds of a console process driven over
 * HTTP with random operations (enroll, TOTP sign-ins, queue, cancel) and killed with {@code kill -9} at random
 * moments on one data directory; after each kill every acknowledged operation must still be there, the audit chain
 * must verify against the head recorded beside the database, and verifying must write nothing. Prints each round,
 * then rounds, kills, operations acknowledged and operations lost.
 *
 * <p>Run: {@code bench/run.sh io.palisade.bench.console.ConsoleCrashHarness [rounds] [seed]}. The console processes
 * run from {@code cli/target/palisade.jar} and the console's test classes (both built by {@code bench/run.sh}).
 */
public final class ConsoleCrashHarness {
  private ConsoleCrashHarness() {}

  /**
   * @param args [rounds] [seed]
   * @throws Exception when a console does not start
   */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : System.nanoTime();
    Path here = Path.of(ConsoleCrashHarness.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path root = here.getParent().getParent().getParent(); // bench/target/benchmarks.jar -> the repository
    Path jar = root.resolve("cli/target/palisade.jar");
    Path testClasses = root.resolve("console/target/test-classes");
    if (!Files.isRegularFile(jar) || !Files.isDirectory(testClasses)) {
      throw new IllegalStateException("no " + jar + " or " + testClasses + ": run through bench/run.sh, which builds"
          + " them");
    }
    Path data = Files.createTempDirectory("console-crash-harness").resolve("data");
    CrashWorkload.Result r = CrashWorkload.run(data, jar + File.pathSeparator + testClasses, rounds, seed,
        System.out);
    System.out.printf("rounds %d, kills %d, operations acknowledged %d, operations lost %d (target 0)%n", r.rounds(),
        r.kills(), r.acknowledged(), r.lost());
    r.problems().forEach(p -> System.out.println("LOST: " + p));
    System.exit(r.lost() == 0 ? 0 : 1);
  }
}
