package io.marquee.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code marquee bench insights} command: the latency of the content reports of a running
 * node, one request at a time (what an analyst's dashboard does), warm.
 *
 * <p>It pages through {@code GET /v1/insights/titles} once to learn the titles with views in the
 * range, draws {@code --titles} of them with a seeded random, asks each title report once to warm
 * the node (unmeasured), then measures {@code --rounds} passes over: every drawn title's report,
 * the overview, the titles list (each sort), the genres and the music reports. Prints one line per
 * report: {@code REPORT n=N p50 X ms p95 Y ms max Z ms}. Exits 1 when any answer was not 200.
 */
@Command(name = "insights", description = "Latency of the /v1/insights reports of a running node: p50, p95.")
final class InsightsCommand implements Callable<Integer> {
  private static final List<String> SORTS = List.of("views", "hours", "full_view_equivalents", "completion_rate",
      "growth");

  @Spec private CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  private boolean help;

  @Option(names = "--url", required = true, description = "Server base URL, e.g. http://127.0.0.1:8080.")
  String url;

  @Option(names = "--api-key", required = true, description = "API key of role analyst or above.")
  String apiKey;

  @Option(names = "--from", description = "First day of the range (ISO date); default the server's (last 28 days).")
  String from;

  @Option(names = "--to", description = "Last day of the range (ISO date).")
  String to;

  @Option(names = "--titles", defaultValue = "200",
      description = "Titles drawn for the title report (default: ${DEFAULT-VALUE}).")
  int titles;

  @Option(names = "--rounds", defaultValue = "1",
      description = "Measured passes over the drawn titles (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the draw (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    ReportsClient client = new ReportsClient(url, apiKey, from, to, spec.commandLine().getErr());
    List<String> assets = client.titlesWithViews();
    Collections.shuffle(assets, new Random(seed));
    List<String> drawn = assets.subList(0, Math.min(titles, assets.size()));
    out.printf(Locale.ROOT, "%d titles with views in the range; %d drawn (seed %d)%n", assets.size(), drawn.size(),
        seed);
    for (String a : drawn) {
      client.get(ReportsClient.titlePath(a), null);
    }
    Map<String, List<Long>> times = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      for (String a : drawn) {
        time(client, times, "title", ReportsClient.titlePath(a), null);
      }
      for (int i = 0; i < 20; i++) {
        time(client, times, "overview", "/v1/insights/overview", null);
        time(client, times, "titles-list", "/v1/insights/titles", "sort=" + SORTS.get(i % SORTS.size()) + "&limit=50");
        time(client, times, "genres", "/v1/insights/genres", null);
        time(client, times, "music", "/v1/insights/music", null);
      }
    }
    for (Map.Entry<String, List<Long>> e : times.entrySet()) {
      Percentiles p = new Percentiles(e.getValue().stream().mapToLong(Long::longValue).toArray());
      out.printf(Locale.ROOT, "%-12s n=%-5d p50 %7.1f ms  p95 %7.1f ms  max %7.1f ms%n", e.getKey(), p.count(),
          p.at(1, 2) / 1e6, p.at(95, 100) / 1e6, p.max() / 1e6);
    }
    if (client.failures() > 0) {
      out.printf(Locale.ROOT, "%d answers were not 200%n", client.failures());
      return 1;
    }
    return 0;
  }

  private static void time(ReportsClient client, Map<String, List<Long>> times, String report, String path,
      String query) throws IOException, InterruptedException {
    long start = System.nanoTime();
    client.get(path, query);
    times.computeIfAbsent(report, k -> new ArrayList<>()).add(System.nanoTime() - start);
  }
}
