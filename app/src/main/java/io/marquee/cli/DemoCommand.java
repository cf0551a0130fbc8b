package io.marquee.cli;

import io.marquee.config.Settings;
import io.marquee.core.BatchResult;
import io.marquee.core.EventSink;
import io.marquee.demo.PlatformGenerator;
import io.marquee.server.Marquee;
import io.marquee.vault.MasterKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code marquee demo}: generates a synthetic streaming platform (catalog, users, viewing and
 * listening sessions), feeds its events through the same pipeline as live ones, then serves it.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Generate a synthetic streaming platform, load it through the pipeline, and serve it.")
final class DemoCommand implements Callable<Integer> {
  private static final int USERS_PER_BATCH = 40;

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data/demo",
      description = "Data directory (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--users", defaultValue = "10000",
      description = "Users to generate (default: ${DEFAULT-VALUE}; 100000 gives about 10 million events).")
  int users;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--end", paramLabel = "DATE",
      description = "End of the 90-day window the events fall in: a date (2026-11-01, midnight UTC) or an "
          + "ISO-8601 instant (default: now, to the hour). Pin it to reproduce a data set exactly.")
  String end;

  @Option(names = "--with-pii", description = "Give every user made-up personal data (names, e-mail at "
      + "example.com, phone in a fiction range where the country has one, birthday, street, postal code), "
      + "sealed in the vault as real data is.")
  boolean withPii;

  @Option(names = "--no-serve", description = "Load the data and exit instead of serving it.")
  boolean noServe;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (users < 1) {
      throw new IllegalArgumentException("--users must be at least 1");
    }
    PrintWriter out = spec.commandLine().getOut();
    Instant windowEnd = windowEnd(end, Instant.now());
    Settings settings = Settings.defaults();
    if (!noServe) {
      requireFreePort(settings.string("server.host"), port);
    }
    Path keyFile = dataDir.toAbsolutePath().resolveSibling(dataDir.getFileName() + ".master-key");
    MasterKey master;
    if (java.nio.file.Files.exists(keyFile)) {
      master = MasterKey.load(keyFile);
    } else {
      master = MasterKey.generate();
      java.nio.file.Files.createDirectories(keyFile.getParent());
      master.writeTo(keyFile);
      out.println("Generated a master key for the vault in " + keyFile
          + " (kept outside the data dir; serve it with --master-key-file).");
    }
    Marquee node = Marquee.open(dataDir, settings, "marquee demo on port " + port, master);
    String writeKey = node.writeKeys().generate();
    PlatformGenerator generator = new PlatformGenerator(seed, users, windowEnd);
    if (withPii) {
      generator.withPersonalData();
    }
    node.store().upsert(generator.catalog());
    out.printf("Catalog: %,d titles. Generating %,d users (seed %d, 90 days to %s)...%n",
        generator.catalog().size(), users, seed, windowEnd);
    out.flush();
    long events = load(node.sink("demo"), generator);
    node.awaitStore(Duration.ofMinutes(30));
    out.printf("Loaded %,d events: %,d in the store, %,d views, %,d titles.%n", events,
        node.store().count("events"), node.store().count("views"), node.store().count("titles"));
    if (noServe) {
      node.close();
      return 0;
    }
    // a sandbox: an admin key too, so the tour can query and administer the demo at once
    String adminKey = node.apiKeys().create(io.marquee.access.Role.ADMIN, "marquee demo");
    String analystKey = node.apiKeys().create(io.marquee.access.Role.ANALYST, "marquee demo");
    String url = "http://127.0.0.1:" + port;
    return ServerRunner.serve(node, settings.string("server.host"), port, out, () -> {
      out.println("Dashboard: " + url + "/   (sign in with the analyst key)");
      out.println("Analyst API key: " + analystKey + "   (reports and the dashboard, no personal data)");
      out.println("Write key: " + writeKey + "   (sends events: HTTP Basic user name, as a Segment write key)");
      out.println("Admin API key: " + adminKey + "   (everything else: Authorization: Bearer KEY)");
      out.println("Try: ./marquee sql --url " + url + " --api-key " + adminKey
          + " \"SELECT media_type, count(*) AS views, round(sum(watch_seconds)/3600) AS hours FROM views GROUP BY 1\"");
    });
  }

  /** The window's end from {@code --end}, or the current hour when it is not given. */
  static Instant windowEnd(String end, Instant now) {
    if (end == null) {
      return now.truncatedTo(ChronoUnit.HOURS);
    }
    try {
      return end.length() == 10 ? LocalDate.parse(end).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(end);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--end '" + end
          + "' is neither a date (2026-11-01) nor an ISO-8601 instant (2026-11-01T00:00:00Z)");
    }
  }

  /** Fails before anything is generated when the port is taken, naming the option that changes it. */
  private static void requireFreePort(String host, int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(host, port));
    } catch (IOException e) {
      throw new IllegalArgumentException("port " + port + " on " + host
          + " is already in use; pick another with --port");
    }
  }

  private long load(EventSink sink, PlatformGenerator generator) throws Exception {
    ProgressBar bar = new ProgressBar(System.err, "demo", users);
    AtomicLong sent = new AtomicLong();
    AtomicLong usersDone = new AtomicLong();
    int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int from = 0; from < users; from += USERS_PER_BATCH) {
        int start = from;
        int end = Math.min(users, from + USERS_PER_BATCH);
        work.add(pool.submit(() -> {
          List<ObjectNode> batch = new ArrayList<>();
          for (int u = start; u < end; u++) {
            batch.addAll(generator.userMessages(u));
          }
          BatchResult r = sink.submit(batch);
          if (!r.rejected().isEmpty()) {
            throw new IllegalStateException("demo events rejected: " + r.rejected().get(0));
          }
          sent.addAndGet(batch.size());
          bar.update(usersDone.addAndGet(end - start), String.format("users, %,d events", sent.get()));
          return null;
        }));
      }
      for (Future<?> f : work) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return sent.get();
  }
}
