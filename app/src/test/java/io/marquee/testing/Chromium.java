package io.marquee.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium for the dashboard tests: Debian's {@code /usr/bin/chromium} through its
 * {@code /usr/bin/chromedriver}, named explicitly, on a fresh profile, with every page recording
 * what its own code cannot hide (CSP violations, script errors, {@code alert()} calls) for {@link
 * #assertClean}. Where Chromium is missing the tests are skipped, except under {@code CI=true},
 * where that fails ({@code .ci/run} installs it).
 */
public final class Chromium implements AutoCloseable {
  public static final Path BINARY = Path.of("/usr/bin/chromium");
  public static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  /** Where {@link #screenshot} writes. */
  public static final Path SHOTS = Path.of("target", "screenshots");
  private static final String RECORDER = """
      window.__csp = []; window.__errors = []; window.__alerts = 0;
      document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
      window.addEventListener('error', e => window.__errors.push(String(e.message)));
      window.alert = function (m) { window.__alerts++; };
      """;

  public final ChromeDriver driver;
  public final WebDriverWait wait;

  private Chromium(ChromeDriver driver) {
    this.driver = driver;
    this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
  }

  /** Skips the calling test class where Chromium or its driver is missing; fails instead under CI=true. */
  public static void assumePresent() {
    boolean present = Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
    if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException("CI=true but " + BINARY + " or " + DRIVER
          + " is missing: .ci/run installs Debian's chromium and chromium-driver");
    }
    Assumptions.assumeTrue(present, "Chromium or chromedriver missing; the dashboard tests are skipped here");
  }

  /**
   * Starts Chromium on {@code profileDir} (a fresh directory), 1440 x 1100, with {@code script}
   * (may be empty) evaluated on every new document after the recorder.
   */
  public static Chromium start(Path profileDir, String script) throws IOException {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BINARY.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profileDir, "--window-size=1440,1100");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", RECORDER + script));
    Files.createDirectories(SHOTS);
    return new Chromium(driver);
  }

  /** Opens the dashboard at {@code url} signed out (no cookies) and waits until it has booted. */
  public void freshPage(String url) {
    driver.manage().deleteAllCookies();
    driver.get(url);
    wait.until(d -> !d.findElement(org.openqa.selenium.By.id("boot")).isDisplayed());
  }

  /** Fails if the page recorded a CSP violation, a script error or an {@code alert()} call. */
  public void assertClean(String where) {
    assertThat(driver.executeScript("return window.__csp")).as("CSP violations on " + where).asList().isEmpty();
    assertThat(driver.executeScript("return window.__errors")).as("script errors on " + where).asList().isEmpty();
    assertThat(driver.executeScript("return window.__alerts")).as("alerts on " + where).isEqualTo(0L);
  }

  /** Non-transparent pixels in the canvases under {@code selector} (ECharts draws on a transparent canvas). */
  public long paintedPixels(String selector) {
    Object n = driver.executeScript("""
        let n = 0;
        for (const c of document.querySelectorAll(arguments[0] + ' canvas')) {
          if (!c.width || !c.height) continue;
          const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
        }
        return n;""", selector);
    return ((Number) n).longValue();
  }

  /** Waits until a chart under {@code selector} has drawn (more than 2,000 painted pixels). */
  public void awaitChart(String selector) {
    wait.until(d -> paintedPixels(selector) > 2000);
  }

  /** Saves the whole page (up to 4,000 px high) as {@code target/screenshots/NAME.png}. */
  public void screenshot(String name) throws IOException {
    Object height = driver.executeScript("return document.documentElement.scrollHeight");
    driver.manage().window().setSize(new Dimension(1440, Math.min(4000, Math.max(1100, ((Number) height).intValue()))));
    try {
      Files.write(SHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    } finally {
      driver.manage().window().setSize(new Dimension(1440, 1100));
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
