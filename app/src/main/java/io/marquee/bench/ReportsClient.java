package io.marquee.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A client of a running node's {@code /v1/insights} reports for the benchmarks: GETs with the API
 * key and the range, the answers parsed, the ones that were not 200 counted (and the first few
 * printed to {@code err}).
 */
final class ReportsClient {
  private final String url;
  private final String apiKey;
  private final String from;
  private final String to;
  private final PrintWriter err;
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private int failures;

  ReportsClient(String url, String apiKey, String from, String to, PrintWriter err) {
    this.url = url;
    this.apiKey = apiKey;
    this.from = from;
    this.to = to;
    this.err = err;
  }

  /** Answers that were not 200. */
  int failures() {
    return failures;
  }

  /** The JSON answer of {@code path} with the range and {@code query} (may be null), or null when not 200. */
  JsonNode get(String path, String query) throws IOException, InterruptedException {
    StringBuilder q = new StringBuilder();
    if (from != null) {
      q.append("from=").append(encode(from));
    }
    if (to != null) {
      q.append(q.length() > 0 ? "&" : "").append("to=").append(encode(to));
    }
    if (query != null) {
      q.append(q.length() > 0 ? "&" : "").append(query);
    }
    HttpRequest request = HttpRequest.newBuilder(URI.create(url + path + (q.length() > 0 ? "?" + q : "")))
        .header("Authorization", "Bearer " + apiKey).timeout(Duration.ofSeconds(120)).GET().build();
    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      failures++;
      if (failures <= 5) {
        err.println(path + ": " + r.statusCode() + " " + r.body());
      }
      return null;
    }
    return json.readTree(r.body());
  }

  /** The path of one title's report. */
  static String titlePath(String assetId) {
    return "/v1/insights/titles/" + encode(assetId);
  }

  /** Every asset id of the titles list (titles with views in the range), paged 500 at a time. */
  List<String> titlesWithViews() throws IOException, InterruptedException {
    List<String> out = new ArrayList<>();
    for (int offset = 0; ; offset += 500) {
      JsonNode page = get("/v1/insights/titles", "sort=views&limit=500&offset=" + offset);
      if (page == null) {
        return out;
      }
      JsonNode rows = page.path("titles");
      rows.forEach(r -> out.add(r.path("asset_id").asText()));
      if (rows.size() < 500) {
        return out;
      }
    }
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
