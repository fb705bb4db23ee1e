package io.palisade.cli.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md's layering, checked on the compiled main classes of every module (cli's test class path holds
 * them all). A failure names the class and the dependency that breaks the rule.
 */
class ArchitectureTest {
  private static final ArchitectureRules RULES = new ArchitectureRules("io.palisade");
  private static JavaClasses mainClasses;

  /** Main classes only: test sources (directories and the modules' test-jars) may do what a test needs. */
  static final class MainClassesOnly implements ImportOption {
    @Override
    public boolean includes(Location location) {
      return !location.contains("/test-classes/") && !location.contains("-tests.jar");
    }
  }

  private static synchronized JavaClasses mainClasses() {
    if (mainClasses == null) {
      mainClasses = new ClassFileImporter().withImportOption(new MainClassesOnly()).importPackages("io.palisade");
    }
    return mainClasses;
  }

  @Test
  void theImportSeesEveryModule() {
    for (String pkg : new String[] {"cbor", "spec", "chain", "keys", "leader", "deploy", "ouroboros", "agent",
        "control", "gateway", "simnode", "runtime", "operator", "console", "console.web", "cli"}) {
      assertThat(mainClasses().containPackage("io.palisade." + pkg)).as("io.palisade." + pkg).isTrue();
    }
    assertThat(mainClasses().containPackage("io.palisade.cli.architecture")).as("test classes imported").isFalse();
  }

  @Test
  void pureCodeDoesNoIo() {
    RULES.pureCodeDoesNoIo().check(mainClasses());
  }

  @Test
  void controlDependsOnSpecAndJacksonOnly() {
    RULES.controlDependsOnSpecAndJacksonOnly().check(mainClasses());
  }

  @Test
  void operatorModelIsModelOnly() {
    RULES.operatorModelIsModelOnly().check(mainClasses());
  }

  @Test
  void springOnlyInTheConsoleWebPackage() {
    RULES.springOnlyInTheConsoleWebPackage().check(mainClasses());
  }

  @Test
  void consoleReachesThePoolThroughTheGatewayOnly() {
    RULES.consoleReachesThePoolThroughTheGatewayOnly().check(mainClasses());
  }

  @Test
  void fabric8ClientOnlyInOperatorAndCli() {
    RULES.fabric8ClientOnlyInOperatorAndCli().check(mainClasses());
  }

  @Test
  void noPackageCycles() {
    RULES.noPackageCycles().check(mainClasses());
  }

  /**
   * The page's list of the files a new console action touches is every implementation of {@code PoolAction.Visitor}
   * (the compiler finds each one that lacks the new branch), plus {@code PoolAction} itself: at most four files.
   */
  @Test
  void aNewConsoleActionTouchesTheFourFilesThePageLists() {
    JavaClass visitor = mainClasses().get("io.palisade.gateway.PoolAction$Visitor");
    Set<String> files = new TreeSet<>();
    for (JavaClass c : mainClasses()) {
      if (!c.equals(visitor) && c.isAssignableTo(visitor.getName())) {
        JavaClass outer = c;
        while (outer.getEnclosingClass().isPresent()) {
          outer = outer.getEnclosingClass().get();
        }
        files.add(outer.getName());
      }
    }
    assertThat(files).containsExactly("io.palisade.console.delay.CanonicalPayload",
        "io.palisade.operator.k8s.StakePoolActions", "io.palisade.runtime.gateway.SingleHostActions");
  }
}
