package io.marquee.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.testing.TestNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Locale;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /v1/openapi.json} and {@code GET /} on a started node, without a key: the document is
 * the one in the jar and lists exactly the routes the server has registered, and the index links to it.
 */
class OpenApiRoutesIT {
  @TempDir Path dataDir;
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void theDocument_listsEveryRegisteredRoute_andNoRouteThatDoesNotExist() throws Exception {
    try (TestNode node = TestNode.start(dataDir)) {
      HttpResponse<String> r = node.get("/v1/openapi.json");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
      assertThat(r.body()).isEqualTo(ApiDocs.resource());
      TreeSet<String> documented = new TreeSet<>();
      json.readTree(r.body()).path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
          .forEachRemaining(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
      TreeSet<String> served = new TreeSet<>(node.server.routes());
      assertThat(served).as("routes of the server").hasSizeGreaterThan(20);
      TreeSet<String> missing = new TreeSet<>(served);
      missing.removeAll(documented);
      TreeSet<String> invented = new TreeSet<>(documented);
      invented.removeAll(served);
      assertThat(missing).as("served but missing from openapi.json").isEmpty();
      assertThat(invented).as("in openapi.json but not served").isEmpty();
    }
  }

  @Test
  void theRoot_answersANameVersionStatusAndLinks_toAClientAskingForJson_withoutAKey() throws Exception {
    try (TestNode node = TestNode.start(dataDir)) {
      HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create(node.url("/"))).header("Accept", "application/json").build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
      JsonNode index = json.readTree(r.body());
      assertThat(index.path("name").asText()).isEqualTo("marquee");
      assertThat(index.path("version").asText())
          .isEqualTo(json.readTree(ApiDocs.resource()).path("info").path("version").asText());
      assertThat(index.path("status").asText()).isEqualTo("ok");
      assertThat(index.path("links").path("health").asText()).isEqualTo("/health");
      assertThat(index.path("links").path("metrics").asText()).isEqualTo("/metrics");
      assertThat(index.path("links").path("openapi").asText()).isEqualTo("/v1/openapi.json");
      for (String link : new String[] {"/health", "/metrics", "/v1/openapi.json"}) {
        assertThat(node.get(link).statusCode()).as(link).isEqualTo(200);
      }
      assertThat(node.get("/").headers().firstValue("Content-Type").orElse(""))
          .as("a client that does not ask for JSON gets the dashboard").startsWith("text/html");
    }
  }
}
