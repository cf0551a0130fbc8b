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
import java.util.List;
import java.util.Locale;

/**
 * The for-title part of {@code marquee bench audiences --for-title ASSET[,ASSET...]}: per title, {@code
 * POST /v1/audiences/for-title/{assetId}?size=N} once unmeasured, then {@code rounds} times, each saved
 * audience deleted after; prints the basis, the size and the p50 / p95 of the answers' times.
 */
final class ForTitleBench {
  private final HttpClient http;
  private final String url;
  private final String apiKey;
  private final ObjectMapper json = new ObjectMapper();

  ForTitleBench(HttpClient http, String url, String apiKey) {
    this.http = http;
    this.url = url;
    this.apiKey = apiKey;
  }

  /** Measures each title; false when an answer was not 201. */
  boolean run(List<String> assets, int size, int rounds, PrintWriter out) throws IOException, InterruptedException {
    boolean ok = true;
    for (String asset : assets) {
      long[] times = new long[rounds];
      JsonNode last = null;
      for (int i = -1; i < rounds; i++) {
        long t = System.nanoTime();
        HttpResponse<String> r = http.send(request("/v1/audiences/for-title/"
            + URLEncoder.encode(asset, StandardCharsets.UTF_8) + "?size=" + size)
            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - t;
        if (r.statusCode() != 201) {
          out.printf(Locale.ROOT, "for-title %-12s %d %s%n", asset, r.statusCode(), r.body());
          ok = false;
          last = null;
          break;
        }
        last = json.readTree(r.body());
        if (i >= 0) {
          times[i] = took;
        }
        http.send(request("/v1/audiences/" + last.path("id").asText()).DELETE().build(),
            HttpResponse.BodyHandlers.discarding());
      }
      if (last != null) {
        Percentiles p = new Percentiles(times);
        out.printf(Locale.ROOT, "for-title %-12s basis %-22s size %-7s p50 %7.1f ms p95 %7.1f ms%n", asset,
            last.path("basis").asText(), last.path("size").asText(), p.at(1, 2) / 1e6, p.at(95, 100) / 1e6);
      }
    }
    return ok;
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Bearer " + apiKey)
        .timeout(Duration.ofSeconds(300));
  }
}
