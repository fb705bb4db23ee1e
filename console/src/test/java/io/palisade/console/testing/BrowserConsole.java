package io.palisade.console.testing;

import io.palisade.console.ConsoleSettings;
import io.palisade.console.PalisadeConsole;
import io.palisade.console.RunningConsole;
import io.palisade.console.account.Totp;
import io.palisade.console.account.TotpSecret;
import io.palisade.console.audit.AuditEntry;
import io.palisade.testing.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One console (on a {@link FakePoolGateway} and a {@link MutableClock}) and one headless browser, shared by every
 * browser test class of the run: starting them is the slow part. The first class that asks starts them; JUnit closes
 * them after the last class. Register with {@code @ExtendWith(BrowserConsole.Extension.class)} and take it as a
 * parameter of {@code @BeforeAll}. Classes run in their {@code @Order} (junit-platform.properties), so the class
 * that enrolls the first operator through the browser finds a console without one.
 */
public final class BrowserConsole implements ExtensionContext.Store.CloseableResource {
  /** The operators enrolled so far and their TOTP secrets (base32), for the classes that run later. */
  public final Map<String, String> totpSecrets = new ConcurrentHashMap<>();
  public final Path dir;
  public final MutableClock clock;
  public final FakePoolGateway gateway;
  public final RunningConsole console;
  public final ChromeDriver browser;
  public final WebDriverWait wait;

  private BrowserConsole() throws IOException {
    dir = Files.createTempDirectory("console-browser");
    browser = Browser.start(dir.resolve("chrome-profile"));
    wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    clock = new MutableClock();
    gateway = new FakePoolGateway(clock, dir.resolve("nodes"));
    console = PalisadeConsole.start(
        ConsoleSettings.defaults(dir.resolve("data")).withPort(0).withRunnerInterval(Duration.ofMillis(200)),
        gateway, clock, clock::nanos, Optional.empty());
  }

  @Override
  public void close() {
    try {
      browser.quit();
    } finally {
      console.close();
    }
  }

  /** Resolves a {@link BrowserConsole} parameter to the run's shared one. */
  public static final class Extension implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
      return p.getParameter().getType() == BrowserConsole.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext c) {
      return c.getRoot().getStore(ExtensionContext.Namespace.create(BrowserConsole.class))
          .getOrComputeIfAbsent(BrowserConsole.class, k -> {
            try {
              return new BrowserConsole();
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }, BrowserConsole.class);
    }
  }

  /** @return the URL of a path on the console */
  public String url(String path) {
    return console.url().resolve(path).toString();
  }

  /** @return the current TOTP code of a base32 secret at the console's clock */
  public String code(String base32) {
    return Totp.code(TotpSecret.ofBase32(base32), Totp.stepAt(clock.instant()));
  }

  /** Waits for an element by id; fails with the page's text when it never comes. */
  public WebElement byId(String id) {
    try {
      return wait.until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError("no #" + id + " on " + browser.getCurrentUrl() + ":\n"
          + browser.findElement(By.tagName("body")).getText(), e);
    }
  }

  /**
   * Clicks a button that submits a form and waits for the next page: its flash message is then the answer to this
   * click, not the one left on the page by the previous one.
   *
   * @param id the button's id
   */
  public void submit(String id) {
    WebElement page = browser.findElement(By.tagName("html"));
    byId(id).click();
    wait.until(ExpectedConditions.stalenessOf(page));
  }

  /** Types into a field by id, replacing what it held. */
  public void type(String id, String text) {
    WebElement e = byId(id);
    e.clear();
    e.sendKeys(text);
  }

  /** @return the audit entries of a kind, newest first */
  public List<AuditEntry> audit(String kind) {
    return console.services().audit().recent(10_000).stream().filter(e -> e.kind().equals(kind)).toList();
  }

  /** Signs in with a password only, in a fresh session. */
  public void signInWithPassword(String user, String password) {
    browser.manage().deleteAllCookies();
    browser.get(url("/login"));
    type("username", user);
    type("password", password);
    byId("login-submit").click();
  }

  /** Submits a TOTP code on the second-factor page. */
  public void submitTotp(String code) {
    browser.get(url("/login/second-factor"));
    type("code", code);
    byId("totp-submit").click();
  }

  /**
   * Signs an operator in fully (password, then the next TOTP step), enrolling one first through the API when the
   * console has none yet (a class run on its own).
   *
   * @param user the operator
   * @param password their password
   */
  public void signIn(String user, String password) {
    if (!totpSecrets.containsKey(user)) {
      String link = console.enrollmentLink().orElseThrow(() -> new IllegalStateException(user + " is not enrolled"
          + " and the console has an operator already"));
      TotpSecret secret = console.services().enrollment().newTotpSecret();
      totpSecrets.put(user, secret.revealBase32());
      console.services().enrollment().enroll(link.substring(link.lastIndexOf('/') + 1), user, password, secret,
          code(secret.revealBase32()), "test");
    }
    signInWithPassword(user, password);
    wait.until(ExpectedConditions.urlContains("/login/second-factor"));
    clock.advance(Totp.STEP); // a step never used before
    type("code", code(totpSecrets.get(user)));
    byId("totp-submit").click();
    wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
  }
}
