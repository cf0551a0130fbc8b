package io.marquee.bench;

import io.marquee.access.Role;
import io.marquee.config.Settings;
import io.marquee.recommend.ModelStore;
import io.marquee.recommend.RecommendationRules;
import io.marquee.recommend.Retrieval;
import io.marquee.recommend.SyntheticModel;
import io.marquee.recommend.TrainedModel;
import io.marquee.recommend.UserContext;
import io.marquee.server.HttpServer;
import io.marquee.server.Marquee;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code marquee bench recommend} command: latency and throughput of {@code GET
 * /v1/users/{userId}/recommendations} under a closed loop of {@code --connections} keep-alive
 * connections, each sending its next request when the previous answer arrived.
 *
 * <p>Against a running server: {@code ./marquee bench recommend --url http://127.0.0.1:8080
 * --api-key KEY [--users FILE | --user-prefix u --user-count N]}. With {@code --synthetic-items
 * 100000 --synthetic-users 1000000 --factors 64} it starts a server in-process on a temp data dir
 * serving a random model of that size ({@link SyntheticModel}) and measures it (client and server
 * share the machine). Prints requests, errors, seconds, then exactly {@code p50 X ms}, {@code p99
 * X ms} and {@code X requests/s}. A warmup of a tenth of the requests runs first, unmeasured. Exits
 * 1 when any response was not 200.
 */
@Command(name = "recommend",
    description = "Load generator for GET /v1/users/{id}/recommendations: p50, p99, requests/s.")
final class RecommendCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  private boolean help;

  @Option(names = "--url", description = "Server base URL, e.g. http://127.0.0.1:8080 (not with --synthetic-items).")
  String url;

  @Option(names = "--api-key", description = "API key of role analyst or above (not with --synthetic-items).")
  String apiKey;

  @Option(names = "--requests", defaultValue = "20000", description = "Measured requests (default: ${DEFAULT-VALUE}).")
  int requests;

  @Option(names = "--connections", defaultValue = "8", description = "Concurrent connections (default: ${DEFAULT-VALUE}).")
  int connections;

  @Option(names = "--users", paramLabel = "FILE", description = "User ids to ask for, one a line, drawn at random.")
  Path usersFile;

  @Option(names = "--user-prefix", defaultValue = "u",
      description = "Without --users: ids are PREFIX + a random number below --user-count (default: ${DEFAULT-VALUE}).")
  String userPrefix;

  @Option(names = "--user-count", defaultValue = "1000",
      description = "See --user-prefix (default: ${DEFAULT-VALUE}; with --synthetic-items, all its users).")
  int userCount;

  @Option(names = "--n", defaultValue = "20", description = "List length asked for (default: ${DEFAULT-VALUE}).")
  int n;

  @Option(names = "--synthetic-items", defaultValue = "0", description = "Serve a random model with this many items in-process.")
  int syntheticItems;

  @Option(names = "--model-dir", paramLabel = "DIR",
      description = "Serve the model set published in this data dir (marquee train) in-process.")
  Path modelDir;

  @Option(names = "--exact", description = "In-process: score the whole catalog for every request (no retrieval).")
  boolean exact;

  @Option(names = "--compare-users", defaultValue = "500",
      description = "In-process: users whose lists are computed with and without retrieval first, "
          + "for recall and CPU time (default: ${DEFAULT-VALUE}; 0 to skip).")
  int compareUsers;

  @Option(names = "--retrieval-budget", defaultValue = "1024",
      description = "In-process: items each model part proposes (default: ${DEFAULT-VALUE}).")
  int budget;

  @Option(names = "--retrieval-sample", defaultValue = "512",
      description = "In-process: sampled items for the blend's statistics (default: ${DEFAULT-VALUE}).")
  int sampleSize;

  @Option(names = "--health-only",
      description = "Ask GET /health instead: the HTTP stack's own cost, for comparison.")
  boolean healthOnly;

  @Option(names = "--compare-only", description = "In-process: stop after the comparison, no HTTP load.")
  boolean compareOnly;

  @Option(names = "--synthetic-users", defaultValue = "1000000",
      description = "Users of the random model (default: ${DEFAULT-VALUE}).")
  int syntheticUsers;

  @Option(names = "--factors", defaultValue = "64",
      description = "iALS factors of the random model (default: ${DEFAULT-VALUE}).")
  int factors;

  @Option(names = "--seed", defaultValue = "42",
      description = "Seed of the user draws and the random model (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (requests < 1 || connections < 1 || n < 1) {
      throw new ParameterException(spec.commandLine(), "--requests, --connections and --n must be positive");
    }
    boolean inProcess = syntheticItems > 0 || modelDir != null;
    if (syntheticItems > 0 && modelDir != null) {
      throw new ParameterException(spec.commandLine(), "--synthetic-items and --model-dir exclude each other");
    }
    if (!inProcess && (exact || compareOnly)) {
      throw new ParameterException(spec.commandLine(),
          "--exact and --compare-only need an in-process model: --synthetic-items or --model-dir");
    }
    if (budget < 1 || sampleSize < 2 || compareUsers < 0) {
      throw new ParameterException(spec.commandLine(),
          "--retrieval-budget must be at least 1, --retrieval-sample at least 2, --compare-users at least 0");
    }
    if (inProcess) {
      return inProcess(out);
    }
    if (url == null || apiKey == null) {
      throw new ParameterException(spec.commandLine(), "--url and --api-key are required without --synthetic-items");
    }
    return run(URI.create(url), apiKey, users(), out);
  }

  private List<String> users() throws IOException {
    if (usersFile != null) {
      List<String> ids = Files.readAllLines(usersFile, StandardCharsets.UTF_8).stream()
          .map(String::strip).filter(s -> !s.isEmpty()).toList();
      if (ids.isEmpty()) {
        throw new ParameterException(spec.commandLine(), "no user ids in " + usersFile);
      }
      return ids;
    }
    return null;
  }

  private int inProcess(PrintWriter out) throws Exception {
    long t0 = System.nanoTime();
    TrainedModel model;
    if (modelDir != null) {
      model = new ModelStore(modelDir).loadCurrent().orElseThrow(() -> new ParameterException(
          spec.commandLine(), "no model set in " + modelDir + "; run marquee train --data-dir first"));
      out.printf(Locale.ROOT, "model set of %s: %,d items, %,d users, loaded in %.1f s%n", modelDir,
          model.itemCount(), model.userCount(), (System.nanoTime() - t0) / 1e9);
    } else {
      model = SyntheticModel.create(syntheticItems, syntheticUsers, factors, 5, seed);
      out.printf(Locale.ROOT, "synthetic model: %,d items, %,d users, %d factors, built in %.1f s%n",
          syntheticItems, syntheticUsers, factors, (System.nanoTime() - t0) / 1e9);
    }
    out.flush();
    List<String> ids = new ArrayList<>(model.userCount());
    for (int u = 0; u < model.userCount(); u++) {
      ids.add(model.data().interactions().users().id(u));
    }
    Retrieval.Settings defaults = Retrieval.Settings.defaults();
    model = model.withRetrieval(new Retrieval.Settings(defaults.fullScanItems(), budget, sampleSize,
        defaults.seed()));
    if (compareUsers > 0) {
      compare(model, ids, out);
    }
    if (compareOnly) {
      return 0;
    }
    TrainedModel served = exact ? model.withRetrieval(Retrieval.Settings.exact()) : model;
    Path dir = Files.createTempDirectory("marquee-bench-recommend");
    try (Marquee node = Marquee.open(dir, Settings.defaults().with("recommend.retrain-minutes", 0),
            "marquee bench recommend");
        HttpServer server = HttpServer.start(node, "127.0.0.1", 0)) {
      server.recommendations().started().get(60, TimeUnit.SECONDS);
      server.recommendations().swap(served);
      String key = node.apiKeys().create(Role.ANALYST, "bench recommend");
      out.printf(Locale.ROOT, "serving %s over HTTP%n", exact ? "with whole-catalog scoring" : "with retrieval");
      return run(URI.create("http://127.0.0.1:" + server.port()), key, ids, out);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(f);
        }
      }
    }
  }

  /**
   * Lists for {@code --compare-users} random users with retrieval and with whole-catalog scoring,
   * in-process on one thread: how many of the exact list's items the retrieved list has (recall),
   * and the median and mean CPU time of each, each timed in its own loop (so neither runs on the
   * other's cache) after a warmup loop on other users (so the timed users are not in the cache).
   */
  private void compare(TrainedModel model, List<String> ids, PrintWriter out) {
    TrainedModel whole = model.withRetrieval(Retrieval.Settings.exact());
    RecommendationRules.Request request = new RecommendationRules.Request(n, null, null);
    SplittableRandom rng = new SplittableRandom(seed);
    List<UserContext> warmup = new ArrayList<>();
    List<UserContext> users = new ArrayList<>();
    for (int k = 0; k < 2 * compareUsers; k++) {
      (k < compareUsers ? warmup : users).add(model.user(ids.get(rng.nextInt(ids.size()))));
    }
    time(model, warmup, request);
    long[] fast = time(model, users, request);
    time(whole, warmup, request);
    long[] slow = time(whole, users, request);
    double recall = 0;
    long candidates = 0;
    for (UserContext user : users) {
      candidates += model.recommendations().candidateCount(user, request);
      Set<String> wanted = new HashSet<>();
      whole.recommendations().forUser(user, true, request).items().forEach(r -> wanted.add(r.assetId()));
      long hits = model.recommendations().forUser(user, true, request).items().stream()
          .filter(r -> wanted.contains(r.assetId())).count();
      recall += wanted.isEmpty() ? 1 : (double) hits / wanted.size();
    }
    out.printf(Locale.ROOT, "retrieval vs whole catalog, %d users, one thread: %,d candidates of %,d "
        + "items on average, recall@%d %.3f%n", compareUsers, candidates / compareUsers,
        model.itemCount(), n, recall / compareUsers);
    out.printf(Locale.ROOT, "  per list: retrieval median %.3f ms, mean %.3f ms; whole catalog median "
        + "%.3f ms, mean %.3f ms%n", new Percentiles(fast).at(1, 2) / 1e6, mean(fast) / 1e6,
        new Percentiles(slow).at(1, 2) / 1e6, mean(slow) / 1e6);
    out.flush();
  }

  private static long[] time(TrainedModel model, List<UserContext> users,
      RecommendationRules.Request request) {
    long[] nanos = new long[users.size()];
    for (int k = 0; k < users.size(); k++) {
      long a = System.nanoTime();
      model.recommendations().forUser(users.get(k), true, request);
      nanos[k] = System.nanoTime() - a;
    }
    return nanos;
  }

  private static double mean(long[] values) {
    double sum = 0;
    for (long v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  private int run(URI base, String key, List<String> ids, PrintWriter out) throws Exception {
    String host = base.getHost();
    int port = base.getPort() < 0 ? 80 : base.getPort();
    int warmup = Math.max(1, requests / 10);
    load(host, port, key, ids, warmup, new long[warmup]);
    long[] latencies = new long[requests];
    long t0 = System.nanoTime();
    int errors = load(host, port, key, ids, requests, latencies);
    double seconds = (System.nanoTime() - t0) / 1e9;
    Percentiles p = new Percentiles(latencies);
    out.printf(Locale.ROOT, "requests %d, connections %d, errors %d, seconds %.2f%n", requests,
        connections, errors, seconds);
    out.printf(Locale.ROOT, "p50 %.2f ms%n", p.at(1, 2) / 1e6);
    out.printf(Locale.ROOT, "p99 %.2f ms%n", p.at(99, 100) / 1e6);
    out.printf(Locale.ROOT, "%.0f requests/s%n", requests / seconds);
    out.flush();
    return errors == 0 ? 0 : 1;
  }

  /** Sends {@code count} requests over the connections; returns how many were not 200. */
  private int load(String host, int port, String key, List<String> ids, int count, long[] latencies)
      throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      SplittableRandom rng = new SplittableRandom(seed + c);
      Thread t = new Thread(() -> {
        try (BatchConnection conn = new BatchConnection(host, port, 30_000)) {
          for (int k = next.getAndIncrement(); k < count; k = next.getAndIncrement()) {
            String user = ids != null ? ids.get(rng.nextInt(ids.size()))
                : userPrefix + rng.nextInt(userCount);
            String target = healthOnly ? "/health" : "/v1/users/" + user + "/recommendations?n=" + n;
            byte[] request = ("GET " + target + " HTTP/1.1\r\n"
                + "Host: " + host + "\r\nAuthorization: Bearer " + key + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
            long start = System.nanoTime();
            try {
              conn.exchange(request);
              if (conn.status() != 200) {
                errors.incrementAndGet();
              }
            } catch (IOException e) {
              errors.incrementAndGet();
            }
            latencies[k] = System.nanoTime() - start;
          }
        }
      }, "bench-recommend-" + c);
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    return errors.get();
  }
}
