package io.palisade.console.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium driven by Debian's chromedriver (Selenium Manager is bypassed: nothing is downloaded).
 * Skips the test, with a message, when the packages are not installed.
 */
public final class Browser {
  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String DRIVER = "/usr/bin/chromedriver";

  private Browser() {}

  /**
   * @param profileDir an empty directory for the browser profile
   * @return a started driver (quit it when done)
   */
  public static ChromeDriver start(Path profileDir) throws IOException {
    Assumptions.assumeTrue(Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(DRIVER)),
        "SKIPPED: browser tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", " + DRIVER
            + "); ./test.sh installs them");
    Files.createDirectories(profileDir);
    ChromeOptions o = new ChromeOptions();
    o.setBinary(CHROMIUM);
    o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-quic", "--disable-extensions", "--disable-default-apps", "--password-store=basic",
        "--window-size=1400,1000", "--user-data-dir=" + profileDir.toAbsolutePath());
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(DRIVER))
        .usingAnyFreePort()
        .withTimeout(Duration.ofSeconds(60))
        .build();
    ChromeDriver driver = new ChromeDriver(service, o);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    return driver;
  }
}
