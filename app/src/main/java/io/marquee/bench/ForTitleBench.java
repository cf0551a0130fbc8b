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
 * The for-title part of {@code marquee bench audiences --for-title ASSET[,ASSET...]}: {@code POST
 * /v1/audiences/for-title/{assetId}?size=N} for each title in turn, one unmeasured round then {@code
 * rounds} measured ones, each saved audience deleted after; prints per title the basis, the size and
 * the p50 / p95 of the answers' times. With two titles or more each request scores its title anew (the
 * node keeps only its last scoring); with one, the rounds after the first reuse it.
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

  /** Measures each title; false when an answer was not 201 (that title is then left out). */
  boolean run(List<String> assets, int size, int rounds, PrintWriter out) throws IOException, InterruptedException {
    long[][] times = new long[assets.size()][rounds];
    JsonNode[] last = new JsonNode[assets.size()];
    boolean[] failed = new boolean[assets.size()];
    for (int round = -1; round < rounds; round++) {
      for (int a = 0; a < assets.size(); a++) {
        if (failed[a]) {
          continue;
        }
        long t = System.nanoTime();
        HttpResponse<String> r = http.send(request("/v1/audiences/for-title/"
            + URLEncoder.encode(assets.get(a), StandardCharsets.UTF_8) + "?size=" + size)
            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - t;
        if (r.statusCode() != 201) {
          out.printf(Locale.ROOT, "for-title %-12s %d %s%n", assets.get(a), r.statusCode(), r.body());
          failed[a] = true;
          continue;
        }
        last[a] = json.readTree(r.body());
        if (round >= 0) {
          times[a][round] = took;
        }
        http.send(request("/v1/audiences/" + last[a].path("id").asText()).DELETE().build(),
            HttpResponse.BodyHandlers.discarding());
      }
    }
    for (int a = 0; a < assets.size(); a++) {
      if (!failed[a]) {
        Percentiles p = new Percentiles(times[a]);
        out.printf(Locale.ROOT, "for-title %-14s basis %-22s size %-7s p50 %7.1f ms p95 %7.1f ms%n", assets.get(a),
            last[a].path("basis").asText(), last[a].path("size").asText(), p.at(1, 2) / 1e6, p.at(95, 100) / 1e6);
      }
    }
    for (boolean f : failed) {
      if (f) {
        return false;
      }
    }
    return true;
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Bearer " + apiKey)
        .timeout(Duration.ofSeconds(300));
  }
}
