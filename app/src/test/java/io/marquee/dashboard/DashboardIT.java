package io.marquee.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.marquee.access.Role;
import io.marquee.core.Title;
import io.marquee.testing.Chromium;
import io.marquee.testing.TestNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}):
 * sign in, search a title, open it, see its retention and audience charts drawn, follow a similar
 * title, sign out; a wrong key refused; a title named as HTML shown as text; every page free of
 * Content-Security-Policy violations and script errors, each one's screenshot in {@code
 * target/screenshots/}. Skipped where Chromium is missing, except under {@code CI=true}, where that fails.
 *
 * <p>The platform is built by hand: 80 users with age, gender and country; 60 watch "The Lantern
 * Keeper" (to 20, 40, 60, 80 or 100 % of it), users 20-79 watch "Harbor Lights" (40 co-viewers), even
 * users the film whose title is {@code <img src=x onerror=alert(1)>}, every fourth one "=1+1 Live",
 * 30 and 20 users the two episodes of a series, 20 a music track.
 */
class DashboardIT {
  private static final String XSS = "<img src=x onerror=alert(1)>";
  private static final String FORMULA = "=1+1 Live";
  private static final int USERS = 80;

  @TempDir static Path dataDir;
  @TempDir static Path profileDir;
  private static TestNode node;
  private static String analystKey;
  private static Chromium browser;
  private static ChromeDriver driver;
  private static WebDriverWait wait;
  private static final List<String> AGES = List.of("22", "29", "38", "47", "58");

  @BeforeAll
  static void start() throws Exception {
    Chromium.assumePresent();
    node = TestNode.start(dataDir);
    analystKey = node.node.apiKeys().create(Role.ANALYST, "test");
    load();
    browser = Chromium.start(profileDir, "");
    driver = browser.driver;
    wait = browser.wait;
  }

  @AfterAll
  static void stop() throws IOException {
    if (browser != null) {
      browser.close();
    }
    if (node != null) {
      node.close();
    }
  }

  @BeforeEach
  void freshPage() {
    browser.freshPage(node.url("/"));
  }

  /** The hand-built platform: catalog, identities and playback sessions ten days ago and after. */
  private static void load() throws Exception {
    node.node.store().upsert(List.of(
        title("f-lantern", "The Lantern Keeper", "film", "drama", 3600, null, null, null),
        title("f-harbor", "Harbor Lights", "film", "drama", 3000, null, null, null),
        title("f-xss", XSS, "film", "comedy", 1800, null, null, null),
        title("f-formula", FORMULA, "film", "comedy", 1200, null, null, null),
        new Title("s-north", "North Line", "series", null, null, null, List.of("thriller"), null, null, "video", 2025,
            null, null),
        title("e-north-1", "Departure", "episode", "thriller", 1500, "North Line", 1, "s-north"),
        title("e-north-2", "Crossing", "episode", "thriller", 1500, "North Line", 2, "s-north"),
        new Title("t-boats", "Paper Boats", "track", "The Lumens", null, null, List.of("indie"), null, 200, "audio",
            2024, null, "The Lumens")));
    Instant base = LocalDate.now(ZoneOffset.UTC).minusDays(10).atStartOfDay(ZoneOffset.UTC).toInstant();
    List<String> messages = new ArrayList<>();
    for (int i = 0; i < USERS; i++) {
      String user = String.format("u%02d", i);
      messages.add("{\"type\":\"identify\",\"userId\":\"" + user + "\",\"timestamp\":\"" + base + "\",\"traits\":"
          + "{\"age\":" + AGES.get(i % 5) + ",\"gender\":\"" + (i % 2 == 0 ? "female" : "male") + "\",\"country\":\""
          + (i < 50 ? "US" : "GB") + "\"}}");
      Instant day = base.plus(Duration.ofDays(i % 7)).plusSeconds(3600 + 60L * i);
      if (i < 60) {
        play(messages, user, "f-lantern", 3600, 3600 * (1 + i % 5) / 5, day, "video");
      }
      if (i >= 20) {
        play(messages, user, "f-harbor", 3000, i % 3 == 0 ? 1500 : 3000, day.plusSeconds(4 * 3600), "video");
      }
      if (i % 2 == 0) {
        play(messages, user, "f-xss", 1800, 1800, day.plusSeconds(8 * 3600), "video");
      }
      if (i % 4 == 1) {
        play(messages, user, "f-formula", 1200, 1200, day.plusSeconds(9 * 3600), "video");
      }
      if (i < 30) {
        play(messages, user, "e-north-1", 1500, 1500, day.plusSeconds(10 * 3600), "video");
      }
      if (i < 20) {
        play(messages, user, "e-north-2", 1500, 1500, day.plusSeconds(11 * 3600), "video");
        play(messages, user, "t-boats", 200, 200, day.plusSeconds(12 * 3600), "audio");
      }
    }
    for (int from = 0; from < messages.size(); from += 200) {
      String batch = String.join(",", messages.subList(from, Math.min(messages.size(), from + 200)));
      assertThat(node.post("/v1/batch", "{\"batch\":[" + batch + "]}", TestNode.WRITE_KEY).statusCode()).isEqualTo(200);
    }
    node.awaitStore();
  }

  private static Title title(String id, String name, String kind, String genre, int runtime, String series,
      Integer episode, String seriesId) {
    return new Title(id, name, kind, series, episode == null ? null : 1, episode, List.of(genre), null, runtime,
        "video", 2024, seriesId, null);
  }

  /** One playback session of {@code asset} from 0 to {@code to} seconds, a heartbeat every 120 s. */
  private static void play(List<String> out, String user, String asset, int length, int to, Instant at, String media) {
    String session = user + "-" + asset;
    String prefix = "Video "; // music too, with media_type audio, as the demo's player sends it
    out.add(event(prefix + "Playback Started", user, session, asset, 0, length, at, media));
    out.add(event(prefix + "Content Started", user, session, asset, 0, length, at, media));
    int step = "audio".equals(media) ? 30 : 120;
    for (int p = step; p < to; p += step) {
      out.add(event(prefix + "Content Playing", user, session, asset, p, length, at.plusSeconds(p), media));
    }
    if (to >= length) {
      out.add(event(prefix + "Content Completed", user, session, asset, length, length, at.plusSeconds(length), media));
      out.add(event(prefix + "Playback Completed", user, session, asset, length, length, at.plusSeconds(length + 1), media));
    } else {
      out.add(event(prefix + "Playback Exited", user, session, asset, to, length, at.plusSeconds(to), media));
    }
  }

  private static String event(String name, String user, String session, String asset, int position, int length,
      Instant at, String media) {
    return "{\"type\":\"track\",\"event\":\"" + name + "\",\"userId\":\"" + user + "\",\"timestamp\":\"" + at
        + "\",\"properties\":{\"session_id\":\"" + session + "\",\"asset_id\":\"" + asset + "\",\"position\":"
        + position + ",\"total_length\":" + length + ",\"media_type\":\"" + media + "\"}}";
  }

  private static void signIn(String key) {
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key"))).sendKeys(key);
    driver.findElement(By.id("signin-button")).click();
  }

  /** Waits until the page in the URL has rendered (or failed), then checks it is clean. */
  private static void awaitPage(String page) {
    wait.until(d -> {
      WebElement view = d.findElement(By.id("view"));
      return page.equals(view.getAttribute("data-page")) && !"loading".equals(view.getAttribute("data-state"));
    });
    assertThat(driver.findElement(By.id("view")).getAttribute("data-state"))
        .as(page + ": " + driver.findElement(By.id("view")).getText()).isEqualTo("ready");
    browser.assertClean(page);
  }

  @Test
  void anAnalyst_signsIn_searchesATitle_seesItsCharts_followsASimilarTitle_andSignsOut() throws Exception {
    browser.screenshot("sign-in");
    signIn(analystKey);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("shell")));
    assertThat(driver.executeScript("return document.cookie")).as("HttpOnly: no script sees the session")
        .asString().doesNotContain("marquee_session");
    assertThat(driver.executeScript("return localStorage.length + sessionStorage.length")).isEqualTo(0L);

    driver.findElement(By.cssSelector(".nav-link[data-page=titles]")).click();
    awaitPage("titles");
    WebElement search = driver.findElement(By.id("title-search"));
    search.sendKeys("lantern");
    driver.findElement(By.cssSelector("#title-filters button[type=submit]")).click();
    wait.until(d -> d.getCurrentUrl().contains("q=lantern"));
    awaitPage("titles");
    List<WebElement> found = driver.findElements(By.cssSelector("#titles-table a.title-link"));
    assertThat(found).extracting(WebElement::getText).containsExactly("The Lantern Keeper");
    assertThat(driver.findElement(By.id("titles-csv")).getAttribute("href")).contains("format=csv").contains("q=lantern");

    found.get(0).click();
    awaitPage("title");
    assertThat(driver.findElement(By.id("page-title")).getText()).isEqualTo("The Lantern Keeper");
    browser.awaitChart("#retention-chart");
    browser.awaitChart("#audience");
    assertThat(driver.findElement(By.id("as-of")).getText()).endsWith("UTC");
    String range = driver.getCurrentUrl().replaceAll(".*(from=[0-9-]+&to=[0-9-]+).*", "$1");
    browser.screenshot("title");

    WebElement similar = wait.until(d -> d.findElements(By.cssSelector("#similar a.similar-link")).stream()
        .filter(a -> a.getText().equals("Harbor Lights")).findFirst().orElse(null));
    similar.click();
    wait.until(d -> d.findElement(By.id("page-title")).getText().equals("Harbor Lights"));
    awaitPage("title");
    browser.awaitChart("#retention-chart");
    assertThat(driver.getCurrentUrl()).as("the range goes along").contains(range);

    driver.findElement(By.id("signout")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin")));
    Object status = driver.executeAsyncScript(
        "const done = arguments[0]; fetch('/v1/session').then(r => done(r.status));");
    assertThat(status).as("the session ended on the server").isEqualTo(401L);
    driver.navigate().refresh();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin")));
  }

  @Test
  void aWrongKey_isRefused_andTheDashboardStaysClosed() throws Exception {
    signIn("mq_000000000000_notakey");
    WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-error")));
    wait.until(d -> !error.getText().isEmpty());
    assertThat(error.getText()).contains("unknown or revoked");
    assertThat(driver.findElement(By.id("shell")).isDisplayed()).isFalse();
    browser.screenshot("sign-in-refused");
  }

  @Test
  void aTitleNamedAsHtml_isShownAsText_withNoImageAndNoAlert() throws Exception {
    signIn(analystKey);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("shell")));
    driver.get(node.url("/#/title/f-xss"));
    awaitPage("title");
    assertThat(driver.findElement(By.id("page-title")).getText()).isEqualTo(XSS);
    assertThat(driver.findElements(By.cssSelector("img"))).isEmpty();
    assertThat(driver.executeScript("return window.__alerts")).isEqualTo(0L);
    try {
      driver.switchTo().alert();
      throw new AssertionError("an alert is open");
    } catch (NoAlertPresentException expected) {
      // nothing ran
    }
    driver.get(node.url("/#/titles?q=img"));
    awaitPage("titles");
    assertThat(driver.findElements(By.cssSelector("#titles-table a.title-link"))).extracting(WebElement::getText)
        .containsExactly(XSS);
    assertThat(driver.findElements(By.cssSelector("img"))).isEmpty();
    assertThat(driver.executeScript("return window.__alerts")).isEqualTo(0L);
    browser.screenshot("title-named-as-html");
  }

  @Test
  void aTitleWithoutViewsInTheRange_saysNotAvailable_insteadOfFigures() throws Exception {
    signIn(analystKey);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("shell")));
    driver.get(node.url("/#/title/s-north"));
    awaitPage("title");
    assertThat(driver.findElement(By.id("page-title")).getText()).isEqualTo("North Line");
    assertThat(driver.findElement(By.id("view")).getText()).contains("not available").contains("Series funnel");
    assertThat(driver.findElements(By.cssSelector("#retention-chart"))).as("no empty chart drawn").isEmpty();
  }

  @Test
  void theCsvDownload_ofTheTitlesPage_neutralisesAFormulaTitle() throws Exception {
    signIn(analystKey);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("shell")));
    driver.get(node.url("/#/titles?q=live"));
    awaitPage("titles");
    assertThat(driver.findElements(By.cssSelector("#titles-table a.title-link"))).extracting(WebElement::getText)
        .containsExactly(FORMULA);
    String href = driver.findElement(By.id("titles-csv")).getAttribute("href");
    Object csv = driver.executeAsyncScript(
        "const done = arguments[1]; fetch(arguments[0]).then(r => r.text()).then(done);", href);
    assertThat(csv).asString().contains("f-formula,'=1+1 Live,").doesNotContain(",=1+1");
  }

  @Test
  void everyPage_rendersWithoutCspViolations_andIsScreenshotted() throws Exception {
    signIn(analystKey);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("shell")));
    String[][] pages = {{"overview", "overview"}, {"titles", "titles"}, {"title/f-lantern", "title"},
        {"series/s-north", "series"}, {"genres", "genres"}, {"music", "music"}, {"cohorts", "cohorts"}};
    for (String[] p : pages) {
      driver.get(node.url("/#/" + p[0]));
      awaitPage(p[1]);
      assertThat(driver.findElement(By.id("freshness")).getText()).as(p[0]).startsWith("Figures as of");
      if (p[1].equals("series")) {
        browser.awaitChart("#funnel-chart");
      }
      browser.screenshot("page-" + p[1]);
    }
    assertThat(driver.findElement(By.cssSelector(".nav-link.disabled")).getText()).contains("Audiences");
  }
}
