package io.marquee.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code marquee bench audiences} command: the audiences API of a running node, one request at
 * a time. For each of a fixed set of rules (demographic, behavioural, combined) it measures the
 * size estimate ({@code POST /v1/audiences/estimate}, {@code --rounds} times after one unmeasured),
 * the full membership ({@code POST /v1/audiences}, which computes it at once) and, when the node
 * serves them, the exports of that audience ({@code POST /v1/audiences/{id}/exports} as user ids and
 * as Google's format, the whole download read), then deletes what it created. Prints one line per
 * measure; exits 1 when an answer it needs was not 2xx.
 */
@Command(name = "audiences", description = "Latency of the audiences API of a running node: estimate, membership, export.")
final class AudiencesCommand implements Callable<Integer> {
  /** The rules measured, by name: what a marketer builds first. */
  static final Map<String, String> RULES = rules();

  @Spec private CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  private boolean help;

  @Option(names = "--url", required = true, description = "Server base URL, e.g. http://127.0.0.1:8080.")
  String url;

  @Option(names = "--api-key", required = true, description = "API key of role marketer or admin.")
  String apiKey;

  @Option(names = "--rounds", defaultValue = "20", description = "Estimates per rule (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--for-title", split = ",", paramLabel = "ASSET",
      description = "Also time POST /v1/audiences/for-title/ASSET, --rounds times per title (ForTitleBench).")
  List<String> forTitle = List.of();

  @Option(names = "--for-title-size", defaultValue = "1000", description = "Its size (default: ${DEFAULT-VALUE}).")
  int forTitleSize;

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private static Map<String, String> rules() {
    Map<String, String> r = new LinkedHashMap<>();
    r.put("age", "{\"age_bracket\":[\"25-34\",\"35-44\"]}");
    r.put("women-fr", "{\"and\":[{\"gender\":\"female\"},{\"country\":\"FR\"}]}");
    r.put("drama-30d", "{\"watched\":{\"genre\":\"drama\",\"last_days\":30}}");
    r.put("lapsed-14d", "{\"lapsed\":{\"days\":14}}");
    r.put("combined", "{\"and\":[{\"age_bracket\":[\"18-24\",\"25-34\"]},{\"watched\":{\"genre\":\"drama\","
        + "\"min_views\":2,\"last_days\":60}},{\"not\":{\"country\":\"US\"}}]}");
    return r;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    boolean ok = true;
    for (Map.Entry<String, String> rule : RULES.entrySet()) {
      String estimate = "{\"rule\":" + rule.getValue() + "}";
      HttpResponse<String> first = post("/v1/audiences/estimate", estimate);
      if (first.statusCode() != 200) {
        out.printf(Locale.ROOT, "%-11s estimate: %d %s%n", rule.getKey(), first.statusCode(), first.body());
        ok = false;
        continue;
      }
      List<Long> times = new ArrayList<>();
      for (int i = 0; i < rounds; i++) {
        long t = System.nanoTime();
        post("/v1/audiences/estimate", estimate);
        times.add(System.nanoTime() - t);
      }
      Percentiles p = new Percentiles(times.stream().mapToLong(Long::longValue).toArray());
      out.printf(Locale.ROOT, "%-11s size %-8s estimate p50 %7.1f ms p95 %7.1f ms%n", rule.getKey(),
          json.readTree(first.body()).path("size").asText(), p.at(1, 2) / 1e6, p.at(95, 100) / 1e6);
      long t = System.nanoTime();
      HttpResponse<String> created = post("/v1/audiences", "{\"name\":\"bench " + rule.getKey() + "\",\"rule\":"
          + rule.getValue() + "}");
      long membership = System.nanoTime() - t;
      if (created.statusCode() != 201) {
        out.printf(Locale.ROOT, "%-11s create: %d %s%n", rule.getKey(), created.statusCode(), created.body());
        ok = false;
        continue;
      }
      String id = json.readTree(created.body()).path("id").asText();
      out.printf(Locale.ROOT, "%-11s membership (create) %7.1f ms%n", rule.getKey(), membership / 1e6);
      for (String format : List.of("user-ids", "google")) {
        long e = System.nanoTime();
        HttpResponse<InputStream> export = http.send(request("/v1/audiences/" + id + "/exports?format=" + format)
            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofInputStream());
        long bytes;
        try (InputStream in = export.body()) {
          bytes = in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        out.printf(Locale.ROOT, "%-11s export %-8s %d, %,d bytes in %7.1f ms%n", rule.getKey(), format,
            export.statusCode(), bytes, (System.nanoTime() - e) / 1e6);
      }
      http.send(request("/v1/audiences/" + id).DELETE().build(), HttpResponse.BodyHandlers.discarding());
    }
    ok &= new ForTitleBench(http, url, apiKey).run(forTitle, forTitleSize, rounds, out);
    return ok ? 0 : 1;
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Bearer " + apiKey)
        .timeout(Duration.ofSeconds(300));
  }

  private HttpResponse<String> post(String path, String body) throws java.io.IOException, InterruptedException {
    return http.send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
