package io.marquee.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.marquee.testing.TestNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's page and files over HTTP: their security headers, and nothing served beyond them. */
class DashboardPagesIT {
  @TempDir static Path dataDir;
  private static TestNode node;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(dataDir);
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  private HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.url(path))).method(method,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theDashboardPages_carryTheContentSecurityPolicy() throws Exception {
    for (String path : new String[] {"/", "/static/app.js", "/static/dashboard.css", "/assets/echarts.min.js"}) {
      HttpResponse<String> r = send("GET", path, null, "Accept", "text/html");
      assertThat(r.statusCode()).as(path).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Security-Policy").orElse("")).as(path)
          .isEqualTo("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
              + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
          .doesNotContain("unsafe-inline");
      assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
    }
    String page = send("GET", "/", null, "Accept", "text/html").body();
    assertThat(page).as("no inline script, style or handler").doesNotContainPattern("<script(?![^>]*\\bsrc=)")
        .doesNotContain("style=").doesNotContainPattern("\\son[a-z]+=");
    assertThat(send("GET", "/static/..%2Fopenapi.json", null).statusCode()).isEqualTo(404);
    assertThat(send("GET", "/static/nothing.js", null).statusCode()).isEqualTo(404);
    HttpResponse<String> echarts = send("GET", "/assets/echarts.min.js", null);
    assertThat(echarts.headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
    assertThat(echarts.body()).as("Apache ECharts 6 from the webjar").contains("version:\"6.0.0\"");
  }
}
