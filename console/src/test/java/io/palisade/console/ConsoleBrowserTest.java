package io.palisade.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.palisade.console.account.Totp;
import io.palisade.console.account.TotpSecret;
import io.palisade.console.audit.AuditEntry;
import io.palisade.console.testing.BrowserConsole;
import io.palisade.console.testing.FakePoolGateway;
import io.palisade.testing.MutableClock;
import io.palisade.gateway.PoolAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * The console in a real headless Chromium, one console and one browser for the whole class, in order: enroll the first
 * operator, sign in with TOTP, refuse a replayed code, refuse a POST without its CSRF token, add a passkey and sign in
 * with it, queue and cancel a destructive action, watch one run after time is moved, invite the second operator and
 * refuse a third, open a recorded shell into a node, lock out a password guesser. The console and the browser are the
 * run's shared ones ({@link BrowserConsole}); this class runs first.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(BrowserConsole.Extension.class)
@Order(1)
class ConsoleBrowserTest {
  private static final String ALICE = "alice";
  private static final String ALICE_PASSWORD = "correct horse battery staple";
  private static final String BOB = "bob";
  private static final String BOB_PASSWORD = "another long passphrase";

  private Path dir;
  private MutableClock clock;
  private FakePoolGateway gateway;
  private RunningConsole console;
  private ChromeDriver browser;
  private WebDriverWait wait;
  private String aliceSecret;
  private String lastCode;
  private BrowserConsole shared;

  @BeforeAll
  void start(BrowserConsole shared) {
    dir = shared.dir;
    browser = shared.browser;
    wait = shared.wait;
    clock = shared.clock;
    gateway = shared.gateway;
    console = shared.console;
    this.shared = shared;
  }

  private String url(String path) {
    return console.url().resolve(path).toString();
  }

  private String code(String base32) {
    return Totp.code(TotpSecret.ofBase32(base32), Totp.stepAt(clock.instant()));
  }

  private void nextTotpStep() {
    clock.advance(Totp.STEP);
  }

  private WebElement byId(String id) {
    try {
      return wait.until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError("no #" + id + " on " + browser.getCurrentUrl() + ":\n"
          + browser.findElement(By.tagName("body")).getText(), e);
    }
  }

  private void type(String id, String text) {
    WebElement e = byId(id);
    e.clear();
    e.sendKeys(text);
  }

  private List<AuditEntry> audit(String kind) {
    return console.services().audit().recent(10_000).stream().filter(e -> e.kind().equals(kind)).toList();
  }

  private void signInWithPassword(String user, String password) {
    browser.manage().deleteAllCookies();
    browser.get(url("/login"));
    type("username", user);
    type("password", password);
    byId("login-submit").click();
  }

  private void submitTotp(String code) {
    browser.get(url("/login/second-factor"));
    type("code", code);
    byId("totp-submit").click();
  }

  private void stepUpWithTotp() {
    nextTotpStep();
    lastCode = code(aliceSecret);
    submitTotp(lastCode);
    wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
  }

  private static java.awt.image.BufferedImage screenshot(WebElement e) {
    try {
      return javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(e.getScreenshotAs(OutputType.BYTES)));
    } catch (java.io.IOException x) {
      throw new java.io.UncheckedIOException(x);
    }
  }

  @Test
  @Order(1)
  void enrollsTheFirstOperatorThroughTheOneTimeLink() {
    String link = console.enrollmentLink().orElseThrow();
    browser.get(link);
    aliceSecret = byId("secret").getText();
    assertThat(aliceSecret).matches("[A-Z2-7]{32}");
    shared.totpSecrets.put(ALICE, aliceSecret);
    // The QR code an authenticator app scans holds the otpauth link shown beside it (read from the screen).
    String otpauth = byId("otpauth").getAttribute("href");
    assertThat(otpauth).startsWith("otpauth://totp/").contains("secret=" + aliceSecret);
    assertThat(io.palisade.console.testing.QrDecode.text(screenshot(byId("otpauth-qr")))).isEqualTo(otpauth);
    type("username", ALICE);
    type("password", ALICE_PASSWORD);
    type("confirm", ALICE_PASSWORD);
    type("code", code(aliceSecret));
    byId("enroll-submit").click();

    assertThat(byId("login-info").getText()).contains("Enrolled");
    assertThat(console.enrollmentLink()).isEmpty();
    // The link is spent.
    browser.get(link);
    assertThat(byId("enroll-error").getText()).contains("not valid");
    assertThat(audit("operator.enrolled")).singleElement()
        .satisfies(e -> assertThat(e.detail()).contains("first operator"));
  }

  @Test
  @Order(2)
  void signsInWithPasswordAndTotp() {
    signInWithPassword(ALICE, ALICE_PASSWORD);
    wait.until(ExpectedConditions.urlContains("/login/second-factor"));
    // The enrollment spent the current step: the next one is needed.
    nextTotpStep();
    lastCode = code(aliceSecret);
    type("code", lastCode);
    byId("totp-submit").click();

    WebElement nodes = byId("nodes");
    assertThat(nodes.getText()).contains("block-producer", "relay-eu-0", "relay-us-0", "only 1 peer (want 5)", "42");
    assertThat(byId("me").getText()).isEqualTo(ALICE);
    assertThat(browser.getPageSource()).contains("10.5.3");
    assertThat(audit("login.password")).isNotEmpty();
    assertThat(audit("factor.totp")).isNotEmpty();
  }

  @Test
  @Order(3)
  void refusesAReplayedTotpCode() {
    int before = audit("factor.totp-failed").size();
    submitTotp(lastCode);
    assertThat(byId("factor-error").getText()).contains("already used");
    assertThat(audit("factor.totp-failed")).hasSize(before + 1)
        .last().satisfies(e -> assertThat(e.detail()).contains("replay"));
  }

  @Test
  @Order(4)
  void refusesAPostWithoutItsCsrfToken() {
    browser.get(url("/actions"));
    byId("upgrade-form");
    Object status = browser.executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "fetch('/actions/upgrade', {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'},"
            + " body: 'version=10.6.0', redirect: 'manual'}).then(r => done(r.status), e => done('error ' + e));");
    assertThat(status).isEqualTo(403L);
    // With the token the same request is accepted (the session and step-up are fine): the refusal was the token.
    Object ok = browser.executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "const t = document.querySelector('meta[name=_csrf]').content;"
            + "fetch('/actions/upgrade', {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'},"
            + " body: 'version=10.6.0&_csrf=' + encodeURIComponent(t), redirect: 'manual'})"
            + ".then(r => done(r.type + ' ' + r.status), e => done('error ' + e));");
    assertThat(String.valueOf(ok)).startsWith("opaqueredirect");
    assertThat(gateway.executed()).containsExactly(new PoolAction.Upgrade("10.6.0"));
  }

  @Test
  @Order(5)
  void addsAPasskeyAndSignsInWithIt() {
    ((HasVirtualAuthenticator) browser).addVirtualAuthenticator(new VirtualAuthenticatorOptions()
        .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
        .setTransport(VirtualAuthenticatorOptions.Transport.USB)
        .setHasResidentKey(true)
        .setHasUserVerification(true)
        .setIsUserVerified(true));
    browser.get(url("/security"));
    type("passkey-label", "virtual key");
    byId("passkey-register").click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("flash-ok"), "Passkey added"));
    assertThat(byId("operators").getText()).contains("virtual key");
    assertThat(audit("factor.passkey-added")).singleElement();

    signInWithPassword(ALICE, ALICE_PASSWORD);
    byId("passkey-button").click();
    assertThat(byId("nodes").getText()).contains("block-producer");
    assertThat(audit("factor.passkey")).isNotEmpty();
  }

  @Test
  @Order(6)
  void queuesADestructiveActionAndCancelsIt() {
    browser.get(url("/actions"));
    new org.openqa.selenium.support.ui.Select(byId("remove-relay-node")).selectByValue("relay-us-0");
    byId("remove-relay-submit").click();
    assertThat(byId("flash-ok").getText()).contains("Queued: remove relay relay-us-0", "unless an operator cancels");
    WebElement row = browser.findElement(By.cssSelector("#actions tr[data-state=PENDING]"));
    assertThat(row.getText()).contains("remove relay relay-us-0", "6 d 23 h");
    WebElement page = browser.findElement(By.tagName("html"));
    row.findElement(By.cssSelector("button.cancel")).click();
    wait.until(ExpectedConditions.stalenessOf(page)); // the flash read next is the cancellation's, not the queueing's
    assertThat(byId("flash-ok").getText()).contains("Cancelled: remove relay relay-us-0");
    assertThat(browser.findElements(By.cssSelector("#actions tr[data-state=CANCELLED]"))).hasSize(1);
    assertThat(gateway.executed()).doesNotContain(new PoolAction.RemoveRelay("relay-us-0"));
    assertThat(audit("action.cancelled")).singleElement();
  }

  @Test
  @Order(7)
  void runsAQueuedActionOnceItsSevenDaysHavePassed() {
    browser.get(url("/actions"));
    new org.openqa.selenium.support.ui.Select(byId("delete-volume-node")).selectByValue("relay-eu-0");
    byId("delete-volume-submit").click();
    assertThat(byId("flash-ok").getText()).contains("Queued: delete the volume of relay-eu-0");
    // The dashboard counts it down.
    browser.get(url("/"));
    assertThat(byId("pending").getText()).contains("delete the volume of relay-eu-0");

    clock.advance(Duration.ofDays(6).plusHours(23));
    console.runDueActionsNow();
    assertThat(gateway.executed()).doesNotContain(new PoolAction.DeleteVolume("relay-eu-0"));

    clock.advance(Duration.ofHours(1).plusMinutes(1));
    await().atMost(Duration.ofSeconds(10))
        .until(() -> gateway.executed().contains(new PoolAction.DeleteVolume("relay-eu-0")));
    browser.get(url("/actions"));
    assertThat(browser.findElement(By.cssSelector("#actions tr[data-state=DONE]")).getText())
        .contains("delete the volume of relay-eu-0", "fake pool did");
    assertThat(audit("action.executing")).singleElement();
    assertThat(audit("action.done")).singleElement();
  }

  @Test
  @Order(8)
  void invitesTheSecondOperatorAndRefusesAThird() {
    // Seven days later the second factor is old: changes need a fresh one.
    browser.get(url("/security"));
    byId("invite-button").click();
    wait.until(ExpectedConditions.urlContains("/login/second-factor"));
    stepUpWithTotp();
    browser.get(url("/security"));
    byId("invite-button").click();
    String invitation = byId("invitation-link").getText();
    assertThat(invitation).contains("/enroll/");

    browser.get(invitation);
    String bobSecret = byId("secret").getText();
    shared.totpSecrets.put(BOB, bobSecret);
    type("username", BOB);
    type("password", BOB_PASSWORD);
    type("confirm", BOB_PASSWORD);
    type("code", code(bobSecret));
    byId("enroll-submit").click();
    assertThat(byId("login-info").getText()).contains("Enrolled");

    // Alice's session is still there; a third operator is refused.
    browser.get(url("/security"));
    assertThat(byId("operators").getText()).contains(ALICE, BOB);
    byId("invite-button").click();
    assertThat(byId("flash-error").getText()).contains("already has 2 operators");
    // The spent invitation cannot make a third either.
    browser.get(invitation);
    assertThat(byId("enroll-error").getText()).contains("not valid");
    assertThat(console.services().operators().active()).hasSize(2);
  }

  @Test
  @Order(9)
  void opensARecordedShellIntoANode() {
    browser.get(url("/"));
    browser.findElement(By.cssSelector("tr[data-node=block-producer] a.shell-link")).click();
    byId("shell-open").click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("terminal-status"), "connected"));
    type("terminal-input", "echo hello-$((6*7)); pwd");
    byId("terminal-send").click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("terminal-output"), "hello-42"));
    assertThat(byId("terminal-output").getText()).contains("nodes/block-producer");

    assertThat(audit("shell.opened")).singleElement().satisfies(e -> assertThat(e.actor()).isEqualTo(ALICE));
    assertThat(audit("shell.input")).anySatisfy(e -> assertThat(e.detail()).contains("echo hello-$((6*7))"));
    await().atMost(Duration.ofSeconds(5))
        .until(() -> audit("shell.output").stream().anyMatch(e -> e.detail().contains("hello-42")));
    byId("terminal-close").click();
    await().atMost(Duration.ofSeconds(5)).until(() -> !audit("shell.closed").isEmpty());
  }

  @Test
  @Order(10)
  void locksOutAPasswordGuesser() {
    for (int i = 0; i < 5; i++) {
      signInWithPassword(BOB, "wrong password " + i);
      assertThat(byId("login-error").getText()).contains("Wrong username or password");
    }
    signInWithPassword(BOB, BOB_PASSWORD);
    assertThat(byId("login-error").getText()).contains("Too many failed attempts");
    assertThat(audit("login.locked")).isNotEmpty();
    // The lock ends with time.
    clock.advance(Duration.ofMinutes(3));
    signInWithPassword(BOB, BOB_PASSWORD);
    wait.until(ExpectedConditions.urlContains("/login/second-factor"));
  }

  @Test
  @Order(11)
  void theAuditChainIsIntactAfterAllOfIt() {
    var v = console.services().verifier().verify(Optional.empty());
    assertThat(v.intact()).as(v.toString()).isTrue();
    assertThat(v.entries()).isGreaterThan(20);
    Path shot = dir.resolve("last.png");
    try {
      Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
