package io.palisade.cli.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The architecture rules are not vacuous: the very rule objects {@link ArchitectureTest} checks fail on the classes
 * under {@code …architecture.fixture}, which break each rule on purpose, name the offending class, and leave alone
 * the fixture classes that keep the rule (the console's web package using Spring, the CRD root extending
 * CustomResource, a renderer using fabric8's serializer). A rule with nothing to check fails too.
 */
class ArchitectureRulesCatchViolationsTest {
  private static final String FIXTURE = "io.palisade.cli.architecture.fixture";
  private static final ArchitectureRules RULES = new ArchitectureRules(FIXTURE);
  private static final JavaClasses FIXTURES = new ClassFileImporter().importPackages(FIXTURE);

  @Test
  void pureCodeDoingIoFails() {
    assertThatThrownBy(() -> RULES.pureCodeDoesNoIo().check(FIXTURES)).isInstanceOf(AssertionError.class)
        .hasMessageContaining(FIXTURE + ".control.ReadsAFile").hasMessageContaining("java.nio.file.Files")
        .hasMessageContaining(FIXTURE + ".gateway.StartsAProcess").hasMessageContaining("java.lang.ProcessBuilder")
        .hasMessageContaining(FIXTURE + ".leader.ReadsTheNetworkConfig")
        .hasMessageContaining(FIXTURE + ".deploy.model.ReadsHotKeys")
        .hasMessageNotContaining("Decides");
  }

  @Test
  void controlImportingTheConsoleFails() {
    assertThatThrownBy(() -> RULES.controlDependsOnSpecAndJacksonOnly().check(FIXTURES))
        .isInstanceOf(AssertionError.class).hasMessageContaining(FIXTURE + ".control.KnowsTheConsole")
        .hasMessageContaining(FIXTURE + ".console.account.Accounts").hasMessageNotContaining("Decides");
  }

  @Test
  void operatorModelUsingTheClientFails() {
    assertThatThrownBy(() -> RULES.operatorModelIsModelOnly().check(FIXTURES)).isInstanceOf(AssertionError.class)
        .hasMessageContaining(FIXTURE + ".operator.model.ReadsTheCluster")
        .hasMessageContaining("io.fabric8.kubernetes.client.KubernetesClient")
        .hasMessageNotContaining("FixtureResource");
  }

  @Test
  void springOutsideTheWebPackageFails() {
    assertThatThrownBy(() -> RULES.springOnlyInTheConsoleWebPackage().check(FIXTURES))
        .isInstanceOf(AssertionError.class).hasMessageContaining(FIXTURE + ".console.account.Accounts")
        .hasMessageContaining("org.springframework").hasMessageNotContaining("WebPage");
  }

  @Test
  void consoleReachingTheRuntimeFails() {
    assertThatThrownBy(() -> RULES.consoleReachesThePoolThroughTheGatewayOnly().check(FIXTURES))
        .isInstanceOf(AssertionError.class).hasMessageContaining(FIXTURE + ".console.ShellOnTheRuntime")
        .hasMessageContaining(FIXTURE + ".runtime.LocalNodes");
  }

  @Test
  void fabric8ClientOutsideOperatorAndCliFails() {
    assertThatThrownBy(() -> RULES.fabric8ClientOnlyInOperatorAndCli().check(FIXTURES))
        .isInstanceOf(AssertionError.class).hasMessageContaining(FIXTURE + ".deploy.TalksToTheCluster")
        .hasMessageNotContaining("WritesYaml").hasMessageNotContaining("ReadsTheCluster");
  }

  @Test
  void aPackageCycleFails() {
    assertThatThrownBy(() -> RULES.noPackageCycles().check(FIXTURES)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("package cycle").hasMessageContaining("package cycle.sub");
  }

  @Test
  void everyRuleFailsOnTheFixturesAndOnNothing() {
    JavaClasses nothing = new ClassFileImporter().importPackages(FIXTURE + ".nowhere");
    assertThat(nothing).isEmpty();
    List<ArchRule> rules = RULES.all();
    assertThat(rules).hasSize(7);
    for (ArchRule rule : rules) {
      assertThatThrownBy(() -> rule.check(FIXTURES)).as(rule.getDescription()).isInstanceOf(AssertionError.class);
      assertThatThrownBy(() -> rule.check(nothing)).as("empty: " + rule.getDescription())
          .isInstanceOf(AssertionError.class);
    }
  }
}
