package io.marquee.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.access.Role;
import io.marquee.config.Settings;
import io.marquee.testing.Cli;
import io.marquee.testing.TestNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /v1/sql} and {@code marquee sql --url}: admin only, read-only, limited, CSV or JSON. */
class SqlApiIT {
  /** Runs for far longer than the test's time limit: a cross join of 10^18 rows. */
  private static final String RUNAWAY = "SELECT count(*) FROM range(1000000000) a, range(1000000000) b";
  @TempDir static Path dataDir;
  @TempDir static Path elsewhere;
  private static TestNode node;
  private static String admin;
  private static String analyst;
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(dataDir, Settings.defaults().with("sql.timeout-seconds", 2).with("sql.max-rows", 3));
    admin = node.node.apiKeys().create(Role.ADMIN, "test");
    analyst = node.node.apiKeys().create(Role.ANALYST, "test");
    for (int i = 0; i < 5; i++) {
      assertThat(node.post("/v1/track", "{\"event\":\"Video Content Started\",\"userId\":\"u" + i + "\",\"properties\":"
          + "{\"session_id\":\"s" + i + "\",\"asset_id\":\"film-1\",\"title\":\"Metropolis, 1927\",\"position\":0,"
          + "\"total_length\":100}}", TestNode.WRITE_KEY).statusCode()).isEqualTo(200);
    }
    node.awaitStore();
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  private static HttpResponse<String> sql(String key, String query, String contentType, String accept, String params)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.url("/v1/sql" + params)))
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(query));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    if (accept != null) {
      b.header("Accept", accept);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> sql(String key, String query) throws Exception {
    return sql(key, query, "text/plain", null, "");
  }

  @Test
  void anAdminKey_getsTheRowsAsJson_fromTextOrAJsonBody() throws Exception {
    HttpResponse<String> r = sql(admin, "SELECT count(*) AS n, min(user_id) AS first FROM events");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.get("columns").toString()).isEqualTo("[\"n\",\"first\"]");
    assertThat(body.get("rows").toString()).isEqualTo("[[5,\"u0\"]]");
    assertThat(body.get("truncated").asBoolean()).isFalse();
    HttpResponse<String> j = sql(admin, "{\"sql\": \"SELECT 1 + 1 AS two\"}", "application/json", null, "");
    assertThat(JSON.readTree(j.body()).get("rows").toString()).isEqualTo("[[2]]");
  }

  @Test
  void csv_isAnsweredForAcceptTextCsv_orFormatCsv_withAHeaderAndQuotedFields() throws Exception {
    String query = "SELECT DISTINCT json_extract_string(properties, '$.title') AS title FROM events";
    HttpResponse<String> byAccept = sql(admin, query, "text/plain", "text/csv", "");
    assertThat(byAccept.statusCode()).as(byAccept.body()).isEqualTo(200);
    assertThat(byAccept.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    assertThat(byAccept.body()).isEqualTo("title\n\"Metropolis, 1927\"\n".replace("\n", System.lineSeparator()));
    assertThat(sql(admin, query, "text/plain", null, "?format=csv").body()).isEqualTo(byAccept.body());
    assertThat(sql(admin, query, "text/plain", "text/csv", "?format=json").body()).startsWith("{\"columns\"");
    assertThat(sql(admin, query, "text/plain", null, "?format=xml").statusCode()).isEqualTo(400);
  }

  @Test
  void anAnalystKey_gets403_aWriteKey_andNoKey_get401() throws Exception {
    assertThat(sql(analyst, "SELECT 1").statusCode()).isEqualTo(403);
    assertThat(sql(TestNode.WRITE_KEY, "SELECT 1").statusCode()).isEqualTo(401);
    assertThat(sql(null, "SELECT 1").statusCode()).isEqualTo(401);
  }

  @Test
  void copyTo_fileReads_writes_andSettings_areRefused_withACode_andNoFileAppears() throws Exception {
    String keys = dataDir.resolve("write-keys").toString();
    byte[] before = Files.readAllBytes(dataDir.resolve("write-keys"));
    String[][] attacks = {
        {"COPY (SELECT 'planted') TO '" + keys + "'", "out_of_reach"},
        {"COPY events TO '" + elsewhere.resolve("events.csv") + "'", "out_of_reach"},
        {"SELECT * FROM read_text('" + keys + "')", "out_of_reach"},
        {"ATTACH '" + elsewhere.resolve("other.duckdb") + "' AS other", "out_of_reach"},
        {"SET lock_configuration = false", "out_of_reach"},
        {"SET memory_limit = '100GB'", "out_of_reach"},
        {"DELETE FROM events", "read_only"},
        {"CREATE TABLE planted (a INT)", "read_only"},
        {"SELECT * FROM no_such_table", "sql_error"},
        {"", "empty"}};
    for (String[] attack : attacks) {
      HttpResponse<String> r = sql(admin, attack[0]);
      assertThat(r.statusCode()).as(attack[0] + ": " + r.body()).isEqualTo(400);
      assertThat(JSON.readTree(r.body()).get("code").asText()).as(attack[0] + ": " + r.body()).isEqualTo(attack[1]);
    }
    assertThat(Files.readAllBytes(dataDir.resolve("write-keys"))).isEqualTo(before);
    try (var files = Files.list(elsewhere)) {
      assertThat(files.toList()).isEmpty();
    }
    assertThat(JSON.readTree(sql(admin, "SELECT count(*) FROM events").body()).get("rows").toString())
        .isEqualTo("[[5]]");
  }

  @Test
  void aRunawayQuery_isCancelledAtTheTimeLimit_andTheNextQueryRuns() throws Exception {
    long t0 = System.nanoTime();
    HttpResponse<String> r = sql(admin, RUNAWAY);
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(JSON.readTree(r.body()).get("code").asText()).isEqualTo("timeout");
    assertThat(seconds).isBetween(1.9, 15.0);
    assertThat(sql(admin, "SELECT 1").statusCode()).isEqualTo(200);
  }

  @Test
  void rowsPastTheRowLimit_areLeftOut_andTheAnswerSaysTruncated() throws Exception {
    HttpResponse<String> r = sql(admin, "SELECT range AS i FROM range(10)");
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.get("rows").toString()).isEqualTo("[[0],[1],[2]]");
    assertThat(body.get("truncated").asBoolean()).isTrue();
    assertThat(body.get("row_limit").asInt()).isEqualTo(3);
    assertThat(r.headers().firstValue("Marquee-Truncated")).hasValue("true");
    HttpResponse<String> exact = sql(admin, "SELECT range AS i FROM range(3)");
    assertThat(JSON.readTree(exact.body()).get("truncated").asBoolean()).isFalse();
    assertThat(exact.headers().firstValue("Marquee-Truncated")).isEmpty();
  }

  @Test
  void aSecondQuery_whileOneRuns_gets429WithRetryAfter() throws Exception {
    CompletableFuture<HttpResponse<String>> slow = runaway();
    HttpResponse<String> busy = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (busy == null && System.nanoTime() < deadline) {
      if (slow.isDone()) {
        slow = runaway(); // it lost the slot to a probe (429) or ended before one came: run it again
      }
      HttpResponse<String> r = sql(admin, "SELECT 1");
      if (r.statusCode() == 429) {
        busy = r;
      }
    }
    assertThat(busy).as("no 429 while the runaway query ran").isNotNull();
    assertThat(busy.headers().firstValue("Retry-After")).isPresent();
    assertThat(JSON.readTree(busy.body()).get("code").asText()).isEqualTo("busy");
    assertThat(slow.get().statusCode()).isEqualTo(400);
    assertThat(sql(admin, "SELECT 1").statusCode()).isEqualTo(200);
  }

  private static CompletableFuture<HttpResponse<String>> runaway() {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return sql(admin, RUNAWAY);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  @Test
  void sqlUrl_printsCsv_orJson_andExitsOneNamingTheStatus_forAnAnalystKey() {
    Cli csv = Cli.run("sql", "--url", node.url(""), "--api-key", admin, "SELECT count(*) AS n FROM events");
    assertThat(csv.exitCode).as(csv.toString()).isZero();
    assertThat(csv.out).isEqualTo("n\n5\n".replace("\n", System.lineSeparator()));
    Cli json = Cli.run("sql", "--url", node.url(""), "--api-key", admin, "--format", "json", "SELECT 7 AS n");
    assertThat(json.out).contains("\"rows\":[[7]]");
    Cli cut = Cli.run("sql", "--url", node.url(""), "--api-key", admin, "SELECT range FROM range(10)");
    assertThat(cut.err).contains("row limit");
    Cli refused = Cli.run("sql", "--url", node.url(""), "--api-key", analyst, "SELECT 1");
    assertThat(refused.exitCode).isEqualTo(1);
    assertThat(refused.err).startsWith("sql: the server answered 403");
  }
}
