package io.palisade.cli.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.Set;

/**
 * The layering rules of docs/architecture.md as ArchUnit rules, for a package root: {@code io.palisade} for the real
 * classes ({@link ArchitectureTest}), a fixture root for the classes that break each rule on purpose
 * ({@link ArchitectureRulesCatchViolationsTest}), so the same rule objects are shown to pass and to fail. Every rule
 * refuses to check an empty set ({@code allowEmptyShould(false)}): a renamed package cannot make a rule vacuous.
 *
 * <p>They live in {@code cli} because {@code cli} depends on every main module, so one import sees all of them and a
 * rule that spans modules (Spring only in the console's web package, fabric8's client only in operator and cli) is
 * stated once.
 */
final class ArchitectureRules {
  private final String root;

  ArchitectureRules(String root) {
    this.root = root;
  }

  /** Every rule, by name (the names the tests and docs/architecture.md use). */
  List<ArchRule> all() {
    return List.of(pureCodeDoesNoIo(), controlDependsOnSpecAndJacksonOnly(), operatorModelIsModelOnly(),
        springOnlyInTheConsoleWebPackage(),
        consoleReachesThePoolThroughTheGatewayOnly(),
        fabric8ClientOnlyInOperatorAndCli(), noPackageCycles());
  }

  /**
   * The pure modules ({@code cbor}, {@code control}, {@code leader}, {@code gateway}), {@code deploy}'s model (its
   * renderers take a network's files and the hot keys as values; {@code deploy.files} reads them) and the pure classes
   * the page names in I/O modules ({@code HealthJudge}, {@code SyncModel}, {@code ForgingModel}, {@code StakePoolSnapshots})
   * touch no file, socket or process. One documented exception: {@code gateway}'s {@code ProcessShellSession} (the
   * page lists it: the local shell both runtimes' gateways and the console's tests start). {@code leader}'s
   * {@code PraosEra} takes the Babbage hard-fork epoch a custom network's config.json states as a value; spec's
   * {@code GenesisReader} reads the file.
   */
  ArchRule pureCodeDoesNoIo() {
    DescribedPredicate<JavaClass> pure = resideInAnyPackage(pkg("cbor.."), pkg("control.."), pkg("leader.."),
        pkg("gateway.."), pkg("deploy.model..")).or(isAnyOf(pkg("agent.HealthJudge"), pkg("simnode.SyncModel"),
            pkg("simnode.forge.ForgingModel"), pkg("operator.model.StakePoolSnapshots")))
        .and(not(isAnyOf(pkg("gateway.ProcessShellSession"))))
        .as("pure code (cbor, control, leader, gateway, deploy.model; HealthJudge, SyncModel, ForgingModel,"
            + " StakePoolSnapshots)");
    return noClasses().that(pure).should().dependOnClassesThat(io())
        .because("decisions are pure functions; docs/architecture.md: control has no I/O").allowEmptyShould(false);
  }

  /** {@code control} depends on {@code spec} (with its chain clock) and Jackson only: never a runtime or a UI. */
  ArchRule controlDependsOnSpecAndJacksonOnly() {
    return classes().that().resideInAPackage(pkg("control..")).should().onlyDependOnClassesThat()
        .resideInAnyPackage("java..", pkg("control.."), pkg("spec.."), pkg("chain.."), "com.fasterxml.jackson..")
        .because("docs/architecture.md: control depends on spec and Jackson (never console, runtime, operator)")
        .allowEmptyShould(false);
  }

  /**
   * {@code operator.model} is model classes: fabric8's model and generator annotations, but no client, no JOSDK, no
   * {@code operator.k8s} or {@code operator.reconcile}. The one use of the client artifact is the CRD root,
   * {@code StakePool extends CustomResource}.
   */
  ArchRule operatorModelIsModelOnly() {
    DescribedPredicate<JavaClass> client = resideInAPackage("io.fabric8.kubernetes.client..")
        .and(not(isAnyOf("io.fabric8.kubernetes.client.CustomResource")))
        .or(resideInAnyPackage("io.javaoperatorsdk..", pkg("operator.k8s.."), pkg("operator.reconcile..")))
        .as("fabric8's client (but the CustomResource base), JOSDK, operator.k8s or operator.reconcile");
    return noClasses().that().resideInAPackage(pkg("operator.model..")).should().dependOnClassesThat(client)
        .because("the operator's model is pure: the cluster I/O is operator.k8s").allowEmptyShould(false);
  }

  /**
   * Only {@code io.palisade.console.web} knows Spring; the console's domain sees ports (e.g. a password hasher). The
   * console's own {@code SpringOnlyInTheWebPackageTest} says the same inside the console module; this one covers every
   * module.
   */
  ArchRule springOnlyInTheConsoleWebPackage() {
    return noClasses().that().resideInAPackage(pkg(".."))
        .and(not(resideInAPackage(pkg("console.web.."))))
        .should().dependOnClassesThat().resideInAPackage("org.springframework..")
        .because("docs/architecture.md: only io.palisade.console.web knows Spring")
        .allowEmptyShould(false);
  }

  /** The console reaches a pool through the {@code gateway} port only: never the runtime, fabric8, keys or agent. */
  ArchRule consoleReachesThePoolThroughTheGatewayOnly() {
    return noClasses().that().resideInAPackage(pkg("console.."))
        .should().dependOnClassesThat().resideInAnyPackage("io.fabric8..", pkg("runtime.."), pkg("keys.."),
            pkg("agent.."), pkg("operator.."), pkg("deploy.."), pkg("simnode.."), pkg("cli.."))
        .because("docs/architecture.md: the console never gets fabric8 or the runtime, keys or agent")
        .allowEmptyShould(false);
  }

  /**
   * fabric8's client (cluster I/O) only in {@code operator} and {@code cli}; {@code deploy} renders fabric8 model
   * objects and writes them with fabric8's serializer ({@code KubernetesSerialization}), which is not cluster I/O.
   */
  ArchRule fabric8ClientOnlyInOperatorAndCli() {
    DescribedPredicate<JavaClass> client = resideInAPackage("io.fabric8.kubernetes.client..")
        .and(not(isAnyOf("io.fabric8.kubernetes.client.utils.KubernetesSerialization")))
        .as("fabric8's Kubernetes client (its serializer aside)");
    return noClasses().that().resideInAPackage(pkg(".."))
        .and(not(resideInAnyPackage(pkg("operator.."), pkg("cli.."))))
        .should().dependOnClassesThat(client)
        .because("docs/architecture.md: deploy uses the model only; the console never gets fabric8")
        .allowEmptyShould(false);
  }

  /**
   * No package cycles: every package is a slice. Modules cannot form cycles (Maven refuses them), so this finds the
   * ones inside a module (the old {@code control.local ↔ control.plane}). Three cycles exist today and are reported
   * debt (issue 15, move 4), left out by the dependency that closes each, so any other cycle still fails: the root
   * package of {@code cli} (its {@code Main} registers every command; the commands use its {@code ExitCodes},
   * {@code JsonOption}, …) and of {@code console} (its composition root wires every domain package, which use its
   * settings and exceptions) may depend on their subpackages; {@code keys} may depend on {@code keys.kes} (the
   * operational certificate carries a KES key; KES uses keys' Blake2b and envelopes). The command packages share
   * their options ({@code DataDirOption}, {@code JsonOption}) through the root, so they form no cycle among
   * themselves.
   */
  ArchRule noPackageCycles() {
    return slices().matching(root + ".(**)").namingSlices("package $1").should().beFreeOfCycles()
        .ignoreDependency(resideInAnyPackage(pkg("cli"), pkg("console")), alwaysTrue())
        .ignoreDependency(resideInAPackage(pkg("keys")), resideInAPackage(pkg("keys.kes")))
        .allowEmptyShould(false);
  }

  /** Files, sockets, URLs and processes: {@code java.nio.file}, {@code java.net}, {@code java.io.File*}. */
  static DescribedPredicate<JavaClass> io() {
    Set<String> javaIo = Set.of("java.io.File", "java.io.FileInputStream", "java.io.FileOutputStream",
        "java.io.FileReader", "java.io.FileWriter", "java.io.RandomAccessFile", "java.io.FileDescriptor",
        "java.lang.ProcessBuilder", "java.lang.Process", "java.lang.ProcessHandle", "java.lang.Runtime");
    return resideInAnyPackage("java.nio.file..", "java.net..", "java.nio.channels..")
        .or(describe("java.io.File*, processes", c -> javaIo.contains(outermost(c).getName())))
        .as("I/O (java.nio.file, java.net, java.nio.channels, java.io.File*, ProcessBuilder, Process, Runtime)");
  }

  private String pkg(String relative) {
    return relative.equals("..") ? root + ".." : root + "." + relative;
  }

  /** A class or one nested in it, by fully qualified name. */
  private static DescribedPredicate<JavaClass> isAnyOf(String... names) {
    Set<String> set = Set.of(names);
    return describe(String.join(", ", names), c -> set.contains(outermost(c).getName()));
  }

  private static JavaClass outermost(JavaClass c) {
    JavaClass outer = c;
    while (outer.getEnclosingClass().isPresent()) {
      outer = outer.getEnclosingClass().get();
    }
    return outer;
  }
}
