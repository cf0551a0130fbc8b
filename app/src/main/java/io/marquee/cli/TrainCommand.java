package io.marquee.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.config.Settings;
import io.marquee.recommend.Dataset;
import io.marquee.recommend.ModelStore;
import io.marquee.recommend.StoreDataset;
import io.marquee.recommend.TrainedModel;
import io.marquee.server.Marquee;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code marquee train}: trains the hybrid recommender on the store and publishes the set in
 * {@code DIR/models}. Offline ({@code --data-dir}, no server running) it opens the data dir itself,
 * for a server started later to load; online ({@code --url}, {@code --api-key} of role admin) it
 * asks the running server to retrain ({@code POST /v1/admin/recommendations/train}), waits for the
 * training, and the server serves the new set at once. Prints the users, items, interactions and
 * seconds either way.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train the recommendation models on the store and publish them in DIR/models: "
        + "offline (--data-dir, server stopped) or on a running server (--url, --api-key).")
final class TrainCommand implements Callable<Integer> {
  private static final String PATH = "/v1/admin/recommendations/train";

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (offline training).")
  Path dataDir;

  @Option(names = "--url", paramLabel = "URL",
      description = "A running server to retrain (with --api-key, an admin key), e.g. http://127.0.0.1:8080.")
  String url;

  @Option(names = "--api-key", paramLabel = "KEY", description = "Admin API key, with --url.")
  String apiKey;

  @Option(names = "--timeout-minutes", defaultValue = "60", paramLabel = "N",
      description = "With --url: how long to wait for the training (default: ${DEFAULT-VALUE}).")
  long timeoutMinutes;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if ((dataDir == null) == (url == null)) {
      throw new IllegalArgumentException(
          "train needs --data-dir DIR (server stopped) or --url URL --api-key KEY (server running), not both");
    }
    return url != null ? online() : offline();
  }

  private int offline() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (Marquee node = Marquee.open(dataDir, Settings.defaults(), "marquee train")) {
      long t0 = System.nanoTime();
      Dataset data;
      try (Connection c = node.store().readConnection()) {
        data = StoreDataset.load(c);
      }
      long t1 = System.nanoTime();
      TrainedModel model = TrainedModel.train(data);
      long t2 = System.nanoTime();
      Path saved = new ModelStore(dataDir).save(model);
      long t3 = System.nanoTime();
      out.printf(Locale.ROOT, "users %,d%nitems %,d%ninteractions %,d%n", model.userCount(),
          model.itemCount(), data.interactions().size());
      out.printf(Locale.ROOT, "load %.1f s, train %.1f s, save %.1f s%n", (t1 - t0) / 1e9,
          (t2 - t1) / 1e9, (t3 - t2) / 1e9);
      out.printf(Locale.ROOT, "seconds %.1f%nsaved %s%n", (t3 - t0) / 1e9, saved);
      out.flush();
    }
    return 0;
  }

  /** Asks the server to train, then polls the training's state until it is done or failed. */
  private int online() throws Exception {
    if (apiKey == null) {
      throw new IllegalArgumentException("--url needs --api-key with an admin key");
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    URI uri = URI.create(url.replaceAll("/+$", "") + PATH);
    ObjectMapper json = new ObjectMapper();
    HttpResponse<String> r = http.send(request(uri).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    long deadline = System.nanoTime() + Duration.ofMinutes(timeoutMinutes).toNanos();
    while (r.statusCode() == 200 || r.statusCode() == 202) {
      JsonNode state = json.readTree(r.body());
      String s = state.path("state").asText();
      if (s.equals("done")) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "users %,d%nitems %,d%ninteractions %,d%n", state.path("users").asLong(),
            state.path("items").asLong(), state.path("interactions").asLong());
        out.printf(Locale.ROOT, "seconds %.1f%ntrained_at %s (served now)%n", state.path("seconds").asDouble(),
            state.path("trained_at").asText());
        out.flush();
        return 0;
      }
      if (!s.equals("running")) {
        spec.commandLine().getErr().println("marquee train: the training failed on the server: "
            + state.path("error").asText(r.body()));
        return 1;
      }
      if (System.nanoTime() > deadline) {
        spec.commandLine().getErr().println("marquee train: still training after " + timeoutMinutes
            + " minutes; GET " + uri + " tells when it is done");
        return 1;
      }
      Thread.sleep(500); // polling a remote job, as a client would
      r = http.send(request(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
    spec.commandLine().getErr().println("marquee train: the server answered " + r.statusCode() + ": " + r.body());
    return 1;
  }

  private HttpRequest.Builder request(URI uri) {
    return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + apiKey);
  }
}
