package io.palisade.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.console.testing.BrowserConsole;
import io.palisade.gateway.PoolAction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The action forms in the real browser, on the run's shared console: only valid targets, nothing selected for a
 * destructive action, what the pool refuses now refused at once (and recorded) instead of queued for seven days, and a
 * downgrade flagged and confirmed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(BrowserConsole.Extension.class)
@Order(3)
class ActionsBrowserTest {
  private BrowserConsole c;

  @BeforeAll
  void signIn(BrowserConsole shared) {
    c = shared;
    c.signIn(DashboardBrowserTest.ALICE, DashboardBrowserTest.ALICE_PASSWORD);
  }

  private Select select(String id) {
    return new Select(c.byId(id));
  }

  private static String value(WebElement option) {
    return option.getAttribute("value");
  }

  @Test
  @Order(1)
  void theFormsOfferOnlyValidTargets_andSelectNothingForADestructiveAction() {
    c.browser.get(c.url("/actions"));
    assertThat(select("remove-relay-node").getOptions()).extracting(ActionsBrowserTest::value)
        .containsExactly("", "relay-eu-0", "relay-us-0");
    // The block producer is never removed from a running pool (revoke its keys, or delete the pool): not offered.
    assertThat(select("remove-node-node").getOptions()).extracting(ActionsBrowserTest::value)
        .containsExactly("", "relay-eu-0", "relay-us-0");
    assertThat(select("delete-volume-node").getOptions()).extracting(ActionsBrowserTest::value)
        .containsExactly("", "block-producer", "block-producer-standby", "relay-eu-0", "relay-us-0");
    for (String id : new String[] {"remove-relay-node", "remove-node-node", "delete-volume-node", "rotate-keys-role",
        "revoke-keys-role"}) {
      assertThat(value(select(id).getFirstSelectedOption())).as(id).isEmpty();
    }
    assertThat(select("rotate-keys-role").getOptions()).extracting(ActionsBrowserTest::value)
        .containsExactly("", "KES", "VRF");
    assertThat(select("revoke-keys-role").getOptions()).extracting(ActionsBrowserTest::value)
        .containsExactly("", "KES", "VRF");
    // Submitting without a choice does not leave the page: the browser asks for one.
    int queued = c.console.services().queue().recent(100).size();
    c.byId("remove-node-submit").click();
    assertThat(c.browser.executeScript("return document.getElementById('remove-node-node').validity.valueMissing"))
        .isEqualTo(true);
    assertThat(c.browser.findElements(By.id("flash-ok"))).isEmpty();
    assertThat(c.console.services().queue().recent(100)).hasSize(queued);
  }

  @Test
  @Order(2)
  void whatThePoolWouldRefuseNowIsRefusedAtOnce_notQueuedForSevenDays() {
    c.gateway.refuse(new PoolAction.RemoveRelay("relay-eu-0"), "relay-eu-0 is the block producer's last ready"
        + " relay; wait until another relay is ready");
    int refusedBefore = c.audit("action.refused").size();
    int queued = c.console.services().queue().recent(100).size();
    c.browser.get(c.url("/actions"));
    select("remove-relay-node").selectByValue("relay-eu-0");
    c.submit("remove-relay-submit");
    assertThat(c.byId("flash-error").getText()).isEqualTo("Not done: the pool refuses it now, so nothing was"
        + " queued: relay-eu-0 is the block producer's last ready relay; wait until another relay is ready");
    assertThat(c.console.services().queue().recent(100)).hasSize(queued);
    assertThat(c.audit("action.refused")).hasSize(refusedBefore + 1).first()
        .satisfies(e -> assertThat(e.detail()).startsWith("not queued: remove relay relay-eu-0"));

    // A relay the pool can lose is queued as before.
    select("remove-relay-node").selectByValue("relay-us-0");
    c.submit("remove-relay-submit");
    assertThat(c.byId("flash-ok").getText()).contains("Queued: remove relay relay-us-0");
    WebElement page = c.browser.findElement(By.tagName("html"));
    c.browser.findElement(By.cssSelector("#actions tr[data-state=PENDING] button.cancel")).click();
    c.wait.until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(page));
    assertThat(c.byId("flash-ok").getText()).contains("Cancelled: remove relay relay-us-0");
  }

  @Test
  @Order(3)
  void aDowngradeIsFlaggedInTheForm_andRunsOnlyWhenConfirmed_sayingItIsOne() {
    c.browser.get(c.url("/actions"));
    assertThat(c.byId("upgrade-running").getText()).isEqualTo("10.5.3");
    assertThat(c.byId("downgrade-warning").isDisplayed()).isFalse();
    c.type("upgrade-version", "10.4.0");
    c.wait.until(d -> d.findElement(By.id("downgrade-warning")).isDisplayed());
    c.submit("upgrade-submit");
    assertThat(c.byId("flash-error").getText()).isEqualTo("Not done: 10.4.0 is older than 10.5.3, which the pool"
        + " runs: that is a downgrade. Tick \"this is a downgrade\" to confirm it.");
    assertThat(c.gateway.executed()).noneMatch(a -> a instanceof PoolAction.Upgrade u && u.version().equals("10.4.0"));

    c.type("upgrade-version", "10.4.0");
    c.byId("upgrade-allow-downgrade").click();
    c.submit("upgrade-submit");
    assertThat(c.byId("flash-ok").getText()).startsWith("Done: downgrade every node to 10.4.0 (confirmed as a"
        + " downgrade)");
    assertThat(c.gateway.executed()).contains(new PoolAction.Upgrade("10.4.0", true));
    assertThat(c.audit("action.requested")).first().satisfies(e -> assertThat(e.detail())
        .startsWith("downgrade every node to 10.4.0"));

    // Ticking the box for a newer version changes nothing: it is an upgrade, and the action says so.
    c.type("upgrade-version", "10.6.2");
    c.byId("upgrade-allow-downgrade").click();
    c.submit("upgrade-submit");
    assertThat(c.byId("flash-ok").getText()).startsWith("Done: upgrade every node to 10.6.2");
    assertThat(c.gateway.executed()).contains(new PoolAction.Upgrade("10.6.2", false));
  }
}
