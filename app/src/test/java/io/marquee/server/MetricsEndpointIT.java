package io.marquee.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.marquee.core.RejectionCode;
import io.marquee.testing.TestNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics}: every documented metric, the JVM's and GC's, in the format the scraper asks for. */
class MetricsEndpointIT {
  private static final Path API_DOC = Path.of("..", "docs", "api.md");
  @TempDir Path dataDir;

  /** The metric names in the table of docs/api.md's "Metrics" section. */
  private static Set<String> documentedMetrics() throws Exception {
    String doc = Files.readString(API_DOC);
    int start = doc.indexOf("## Metrics");
    int end = doc.indexOf("\n## ", start + 1);
    String section = end < 0 ? doc.substring(start) : doc.substring(start, end);
    Set<String> names = new LinkedHashSet<>();
    Matcher m = Pattern.compile("(?m)^\\| (`marquee_[^|]*)\\|").matcher(section);
    while (m.find()) {
      Matcher name = Pattern.compile("`(marquee_[a-z_]+)").matcher(m.group(1));
      while (name.find()) {
        names.add(name.group(1));
      }
    }
    return names;
  }

  private static HttpResponse<String> scrape(TestNode node, String accept) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.url("/metrics"))).GET();
    if (accept != null) {
      b.header("Accept", accept);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void metrics_areTheTextFormat_withEveryDocumentedMetric_andTheJvmAndGcMetrics() throws Exception {
    try (TestNode node = TestNode.start(dataDir)) {
      HttpResponse<String> r = scrape(node, null);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
      Set<String> documented = documentedMetrics();
      assertThat(documented).as("names read from docs/api.md").hasSizeGreaterThan(15);
      for (String name : documented) {
        assertThat(r.body()).as(name).containsPattern("(?m)^# TYPE " + name + " ");
      }
      assertThat(r.body())
          .contains("# TYPE jvm_memory_used_bytes gauge")
          .contains("# TYPE jvm_gc_collection_seconds summary")
          .contains("# TYPE jvm_threads_current gauge")
          .contains("# TYPE process_cpu_seconds_total counter")
          .contains("marquee_log_fsync_seconds_bucket{le=\"+Inf\"}");
    }
  }

  @Test
  void everyRejectionCode_isASeriesFromTheStart() throws Exception {
    try (TestNode node = TestNode.start(dataDir)) {
      String body = scrape(node, null).body();
      for (RejectionCode code : RejectionCode.values()) {
        assertThat(body).contains("marquee_events_rejected_total{reason=\"" + code.code() + "\"} 0.0");
      }
    }
  }

  @Test
  void openMetrics_isServedWhenTheScraperAsksForIt() throws Exception {
    try (TestNode node = TestNode.start(dataDir)) {
      HttpResponse<String> r = scrape(node, "application/openmetrics-text; version=1.0.0; charset=utf-8");
      assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/openmetrics-text");
      assertThat(r.body()).contains("# TYPE marquee_events_received counter").endsWith("# EOF\n");
    }
  }

  @Test
  void twoNodesInOneJvm_countTheirOwnEvents() throws Exception {
    try (TestNode a = TestNode.start(dataDir.resolve("a")); TestNode b = TestNode.start(dataDir.resolve("b"))) {
      a.post("/v1/track", "{\"event\":\"x\",\"userId\":\"u\"}", TestNode.WRITE_KEY);
      assertThat(scrape(a, null).body()).contains("marquee_events_accepted_total 1.0");
      assertThat(scrape(b, null).body()).contains("marquee_events_accepted_total 0.0");
    }
  }
}
