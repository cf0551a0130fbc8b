package io.marquee.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.access.Role;
import io.marquee.core.Title;
import io.marquee.testing.Chromium;
import io.marquee.testing.TestNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard's Audiences pages in a real headless Chromium (the driver setup of {@link
 * DashboardIT}): a marketer builds a rule from the form and sees the live estimate and composition
 * change (debounced), the API's error next to the editor with the node it names marked, saves,
 * opens the audience (history chart, rule, export refused with the server's reason), compares it
 * with a second one and deletes it; the JSON editor takes any node and the form follows; an analyst
 * sees the entry disabled. Skipped where Chromium is missing, except under {@code CI=true}.
 *
 * <p>The platform, by hand: 200 users {@code u000..u199}, user i aged {@code AGES[i % 5]} (brackets
 * 18-24, 25-34, 35-44, 45-54, 55-64), female for even i, in the US for i below 155 (GB for the 45
 * others: 9 per bracket), and users 0-119 watched "The Lantern Keeper" ten days ago. So: country GB
 * selects 45 (every age cell under 10), US 155; with "watched f-lantern in the last 30 days" 120;
 * with the brackets 18-24 and 25-34 (i % 5 of 0 or 1) 48, 24 per bracket and 24 per gender. The
 * saved second audience "Young" (18-24) has 40 members, 24 of them in the first: union 64, Jaccard
 * 24 / 64 = 0.375.
 */
class AudiencesPageIT {
  private static final String XSS = "<img src=x onerror=alert(1)>";
  private static final int USERS = 200;
  private static final List<String> AGES = List.of("22", "29", "38", "47", "58");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dataDir;
  @TempDir static Path profileDir;
  private static TestNode node;
  private static String marketerKey;
  private static String analystKey;
  private static String youngId;
  private static Chromium browser;
  private static ChromeDriver driver;
  private static WebDriverWait wait;

  @BeforeAll
  static void start() throws Exception {
    Chromium.assumePresent();
    node = TestNode.start(dataDir);
    marketerKey = node.node.apiKeys().create(Role.MARKETER, "test marketer");
    analystKey = node.node.apiKeys().create(Role.ANALYST, "test analyst");
    load();
    youngId = create("Young", "{\"age_bracket\": \"18-24\"}");
    create(XSS, "{\"gender\": \"female\"}");
    browser = Chromium.start(profileDir, """
        window.__estimates = [];
        const realFetch = window.fetch;
        window.fetch = function (url, init) {
          if (String(url).endsWith('/v1/audiences/estimate')) window.__estimates.push(performance.now());
          return realFetch.apply(this, arguments);
        };
        """); // also records when each estimate request left
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

  private static void load() throws Exception {
    node.node.store().upsert(List.of(new Title("f-lantern", "The Lantern Keeper", "film", null, null, null,
        List.of("drama"), null, 600, "video", 2024, null, null)));
    Instant base = LocalDate.now(ZoneOffset.UTC).minusDays(10).atStartOfDay(ZoneOffset.UTC).toInstant();
    List<String> messages = new ArrayList<>();
    for (int i = 0; i < USERS; i++) {
      String user = String.format("u%03d", i);
      messages.add("{\"type\":\"identify\",\"userId\":\"" + user + "\",\"timestamp\":\"" + base + "\",\"traits\":"
          + "{\"age\":" + AGES.get(i % 5) + ",\"gender\":\"" + (i % 2 == 0 ? "female" : "male") + "\",\"country\":\""
          + (i < 155 ? "US" : "GB") + "\"}}");
      if (i < 120) {
        Instant at = base.plusSeconds(3600 + 60L * i);
        String session = user + "-lantern";
        messages.add(event("Video Playback Started", user, session, 0, at));
        messages.add(event("Video Content Started", user, session, 0, at));
        for (int p = 120; p < 600; p += 120) {
          messages.add(event("Video Content Playing", user, session, p, at.plusSeconds(p)));
        }
        messages.add(event("Video Content Completed", user, session, 600, at.plusSeconds(600)));
        messages.add(event("Video Playback Completed", user, session, 600, at.plusSeconds(601)));
      }
    }
    for (int from = 0; from < messages.size(); from += 200) {
      String batch = String.join(",", messages.subList(from, Math.min(messages.size(), from + 200)));
      assertThat(node.post("/v1/batch", "{\"batch\":[" + batch + "]}", TestNode.WRITE_KEY).statusCode()).isEqualTo(200);
    }
    node.awaitStore();
  }

  private static String event(String name, String user, String session, int position, Instant at) {
    return "{\"type\":\"track\",\"event\":\"" + name + "\",\"userId\":\"" + user + "\",\"timestamp\":\"" + at
        + "\",\"properties\":{\"session_id\":\"" + session + "\",\"asset_id\":\"f-lantern\",\"position\":"
        + position + ",\"total_length\":600,\"media_type\":\"video\"}}";
  }

  /** Saves an audience through the API with the marketer's Bearer key; its id. */
  private static String create(String name, String rule) throws Exception {
    String body = JSON.writeValueAsString(Map.of("name", name, "rule", JSON.readTree(rule)));
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(node.url("/v1/audiences")))
        .header("Authorization", "Bearer " + marketerKey).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return JSON.readTree(r.body()).get("id").asText();
  }

  private static void signIn(String key) {
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key"))).sendKeys(key);
    driver.findElement(By.id("signin-button")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("shell")));
  }

  /** Waits until the page in the URL has rendered, then checks it is clean. */
  private static void awaitPage(String page) {
    wait.until(d -> {
      WebElement view = d.findElement(By.id("view"));
      return page.equals(view.getAttribute("data-page")) && !"loading".equals(view.getAttribute("data-state"));
    });
    assertThat(driver.findElement(By.id("view")).getAttribute("data-state"))
        .as(page + ": " + driver.findElement(By.id("view")).getText()).isEqualTo("ready");
    browser.assertClean(page);
  }

  /** Waits for the estimate to read {@code size} (a number or "<10"). */
  private static void awaitEstimate(String size) {
    wait.until(d -> size.equals(d.findElement(By.id("estimate")).getAttribute("data-size"))
        && d.findElement(By.id("rule-error")).getText().isEmpty());
  }

  /** The composition rows under {@code box} of one dimension, as "value=count". */
  private static List<String> composition(String box, String dimension) {
    return driver.findElements(By.cssSelector(box + " .comp-dim[data-dimension='" + dimension + "'] .comp-row")).stream()
        .map(r -> r.findElement(By.className("comp-label")).getText() + "=" + r.findElement(By.className("comp-count")).getText())
        .toList();
  }

  /** Adds a condition of {@code type} to the rule's top group. */
  private static void addCondition(String type) {
    new Select(driver.findElement(By.cssSelector("#rule-form > .rule-group > .group-foot .add-leaf"))).selectByValue(type);
  }

  private static WebElement field(String type, String field) {
    return driver.findElement(By.cssSelector(".rule-leaf[data-type='" + type + "'] [data-field='" + field + "']"));
  }

  @Test
  void aMarketer_buildsARuleFromTheForm_seesTheEstimateChange_saves_opensIt_comparesIt_andDeletesIt() throws Exception {
    signIn(marketerKey);
    WebElement nav = driver.findElement(By.id("nav-audiences"));
    assertThat(nav.getAttribute("class")).doesNotContain("disabled");
    nav.click();
    awaitPage("audiences");
    assertThat(driver.findElements(By.cssSelector("#audiences-table a.audience-link"))).extracting(WebElement::getText)
        .contains("Young", XSS);
    assertThat(driver.findElements(By.cssSelector("img"))).as("a name is text, never HTML").isEmpty();
    driver.findElement(By.id("new-audience")).click();
    awaitPage("audience-new");

    addCondition("country");
    field("country", "country").sendKeys("GB");
    awaitEstimate("45");
    assertThat(composition("#estimate-composition", "age_bracket"))
        .containsExactly("18-24=<10", "25-34=<10", "35-44=<10", "45-54=<10", "55-64=<10");
    assertThat(composition("#estimate-composition", "country")).containsExactly("GB=45");
    browser.screenshot("audience-builder-small-cells");

    // typed fast, the estimate waits for a pause: far fewer requests than keystrokes, at most two a second
    long before = (Long) driver.executeScript("return window.__estimates.length");
    field("country", "country").sendKeys(Keys.chord(Keys.CONTROL, "a"), "US, US, US, US, US");
    awaitEstimate("155");
    long typed = (Long) driver.executeScript("return window.__estimates.length") - before;
    assertThat(typed).as("requests for 19 keystrokes").isBetween(1L, 4L);

    addCondition("watched");
    WebElement error = driver.findElement(By.id("rule-error"));
    wait.until(d -> error.getText().contains("$.and[1].watched.asset_id"));
    assertThat(driver.findElement(By.cssSelector(".rule-leaf[data-type='watched']")).getAttribute("class")).contains("invalid");
    field("watched", "value").sendKeys("f-lantern");
    awaitEstimate("120");
    assertThat(driver.findElements(By.cssSelector(".rule-leaf.invalid"))).isEmpty();

    addCondition("age_bracket");
    driver.findElement(By.cssSelector(".rule-leaf[data-type='age_bracket'] input[value='18-24']")).click();
    driver.findElement(By.cssSelector(".rule-leaf[data-type='age_bracket'] input[value='25-34']")).click();
    awaitEstimate("48");
    assertThat(composition("#estimate-composition", "age_bracket")).containsExactly("18-24=24", "25-34=24");
    assertThat(composition("#estimate-composition", "gender")).containsExactly("female=24", "male=24");
    assertThat(JSON.readTree(driver.findElement(By.id("rule-json")).getAttribute("value"))).isEqualTo(JSON.readTree(
        "{\"and\": [{\"country\": [\"US\"]},"
            + " {\"watched\": {\"asset_id\": \"f-lantern\", \"last_days\": 30}}, {\"age_bracket\": [\"18-24\", \"25-34\"]}]}"));
    List<?> times = (List<?>) driver.executeScript("return window.__estimates");
    for (int i = 2; i < times.size(); i++) {
      double span = ((Number) times.get(i)).doubleValue() - ((Number) times.get(i - 2)).doubleValue();
      assertThat(span).as("three estimate requests within a second").isGreaterThanOrEqualTo(990);
    }
    browser.assertClean("the builder");
    browser.screenshot("audience-builder");

    driver.findElement(By.id("audience-name")).sendKeys("Young lantern viewers");
    driver.findElement(By.id("save-audience")).click();
    awaitPage("audience");
    assertThat(driver.findElement(By.id("page-title")).getText()).isEqualTo("Young lantern viewers");
    String id = driver.getCurrentUrl().replaceAll(".*#/audience/([^?]+).*", "$1");
    assertThat(id).startsWith("aud_");
    assertThat(driver.findElement(By.id("audience-size")).getText()).contains("48");
    assertThat(composition("#audience-composition", "country")).containsExactly("US=48");
    assertThat(driver.findElement(By.id("audience-rule")).getText()).contains("\"f-lantern\"").contains("\"25-34\"");
    browser.awaitChart("#history-chart");

    // no export of 48 members: the server's reason is shown beside the buttons
    driver.findElement(By.cssSelector("#exports button[data-format='user-ids']")).click();
    WebElement status = driver.findElement(By.id("export-status"));
    wait.until(d -> status.getAttribute("class").contains("error"));
    assertThat(status.getText()).matches("Export (refused|failed) \\(\\d{3}\\): .+");
    assertThat(driver.findElement(By.cssSelector("#exports form")).getAttribute("action"))
        .endsWith("/v1/audiences/" + id + "/exports?format=google");
    browser.assertClean("the audience");
    browser.screenshot("audience");

    new Select(driver.findElement(By.id("compare-with"))).selectByVisibleText("Young");
    driver.findElement(By.cssSelector("#compare-form button[type=submit]")).click();
    awaitPage("audience-compare");
    assertThat(driver.findElement(By.id("overlap-both")).getText()).contains("24");
    assertThat(driver.findElement(By.id("overlap-jaccard")).getText()).contains("0.375");
    assertThat(driver.findElement(By.id("overlap")).getText()).contains("48").contains("40").contains("64");
    browser.awaitChart("#overlap-chart");
    assertThat(driver.getCurrentUrl()).contains("#/audience-compare/" + id + "?with=" + youngId);
    browser.screenshot("audience-compare");

    driver.get(node.url("/#/audience/" + id));
    awaitPage("audience");
    driver.findElement(By.id("delete-audience")).click();
    driver.findElement(By.id("delete-confirm")).click();
    awaitPage("audiences");
    assertThat(driver.findElements(By.cssSelector("#audiences-table a.audience-link"))).extracting(WebElement::getText)
        .doesNotContain("Young lantern viewers").contains("Young");
    assertThat(node.call("GET", "/v1/audiences/" + id, marketerKey).statusCode()).isEqualTo(404);
    browser.screenshot("audiences");
  }

  @Test
  void theJsonEditor_takesAnyNodeOfTheGrammar_andTheFormFollows() throws Exception {
    signIn(marketerKey);
    driver.get(node.url("/#/audience-new"));
    awaitPage("audience-new");
    WebElement json = driver.findElement(By.id("rule-json"));
    json.sendKeys(Keys.chord(Keys.CONTROL, "a"), "{\"and\": [{\"gender\": \"female\"}, {\"not\": {\"watched\": "
        + "{\"asset_id\": \"f-lantern\"}}}, {\"partner\": {\"attribute\": \"loyalty\", \"party\": \"second\"}}]}");
    // nobody has a partner attribute: fewer than 10
    awaitEstimate("<10");
    assertThat(driver.findElement(By.cssSelector(".rule-leaf[data-type='gender'] input[value='female']")).isSelected()).isTrue();
    assertThat(field("watched", "not").isSelected()).isTrue();
    assertThat(field("json", "json").getAttribute("value")).contains("\"loyalty\"");

    // removing the partner node leaves the women who did not watch: even users 120-199, 40
    driver.findElement(By.cssSelector(".rule-leaf[data-type='json'] .remove")).click();
    awaitEstimate("40");

    // a JSON leaf the server cannot evaluate: its 400 names the node's path, marked in the form
    addCondition("json");
    WebElement raw = field("json", "json");
    raw.sendKeys(Keys.chord(Keys.CONTROL, "a"), "{\"rated\": {\"asset_id\": \"f-lantern\", \"min\": -1}}");
    WebElement error = driver.findElement(By.id("rule-error"));
    wait.until(d -> error.getText().contains("$.and[2].rated.min"));
    assertThat(driver.findElement(By.cssSelector(".rule-leaf[data-type='json']")).getAttribute("class")).contains("invalid");
    raw.sendKeys(Keys.chord(Keys.CONTROL, "a"), "{\"rated\": ");
    wait.until(d -> error.getText().startsWith("This condition is not valid JSON"));
    browser.assertClean("the JSON editor");
    browser.screenshot("audience-builder-json");
  }

  @Test
  void deletingAnAudienceAnotherOneNames_showsTheServersConflict_andKeepsIt() throws Exception {
    String user = create("Young women", "{\"and\": [{\"member_of\": {\"audience_id\": \"" + youngId + "\"}}, "
        + "{\"gender\": \"female\"}]}");
    signIn(marketerKey);
    driver.get(node.url("/#/audience/" + youngId));
    awaitPage("audience");
    driver.findElement(By.id("delete-audience")).click();
    driver.findElement(By.id("delete-confirm")).click();
    WebElement status = driver.findElement(By.id("delete-status"));
    wait.until(d -> !status.getText().isEmpty());
    assertThat(status.getText()).contains("member_of").contains(user);
    assertThat(driver.findElement(By.id("view")).getAttribute("data-page")).isEqualTo("audience");
    assertThat(node.call("GET", "/v1/audiences/" + youngId, marketerKey).statusCode()).isEqualTo(200);
    assertThat(node.call("DELETE", "/v1/audiences/" + user, marketerKey).statusCode()).isEqualTo(204);
    browser.assertClean("a refused delete");
  }

  @Test
  void anAnalyst_seesTheAudiencesEntryDisabled_andThePagesRefused() throws Exception {
    signIn(analystKey);
    WebElement nav = driver.findElement(By.id("nav-audiences"));
    assertThat(nav.getAttribute("class")).contains("disabled");
    assertThat(nav.getAttribute("title")).isEqualTo("needs a marketer key");
    assertThat(nav.getAttribute("href")).isNull();
    driver.get(node.url("/#/audiences"));
    wait.until(d -> "audiences".equals(d.findElement(By.id("view")).getAttribute("data-page"))
        && "error".equals(d.findElement(By.id("view")).getAttribute("data-state")));
    assertThat(driver.findElement(By.id("view")).getText()).contains("Could not load this page");
    assertThat(driver.findElements(By.cssSelector("#audiences-table"))).isEmpty();
    browser.screenshot("audiences-analyst");
  }
}
