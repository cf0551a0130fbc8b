package io.marquee.cli;

import io.marquee.config.DataDirLock;
import io.marquee.config.Settings;
import io.marquee.core.Csv;
import io.marquee.query.QueryRefusedException;
import io.marquee.query.QueryRunner;
import io.marquee.server.Marquee;
import io.marquee.store.Store;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code marquee sql}: one read-only query over the store, as CSV with a header on stdout (or JSON
 * with {@code --format json} and {@code --url}). Offline ({@code --data-dir}, no server running) it
 * recovers first (a data dir left by a killed server is brought up to date from its log) and
 * reaches this database only ({@link Store#openForQueries}): no files, other databases, extensions
 * or settings. Online ({@code --url}, {@code --api-key} of role admin) it asks {@code POST
 * /v1/sql} of the running server, whose time and row limits apply.
 */
@Command(name = "sql", mixinStandardHelpOptions = true,
    description = {"Run a read-only SQL query over the store; CSV with a header on stdout.",
        "Offline (--data-dir, server stopped) or on a running server (--url, --api-key: an admin key)."})
final class SqlCommand implements Callable<Integer> {
  @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (offline, server stopped).")
  Path dataDir;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Properties file overriding marquee-reference.properties (offline).")
  Path config;

  @Option(names = "--url", paramLabel = "URL",
      description = "A running server to query (with --api-key), e.g. http://127.0.0.1:8080.")
  String url;

  @Option(names = "--api-key", paramLabel = "KEY", description = "Admin API key (mq_...), with --url.")
  String apiKey;

  @Option(names = "--format", defaultValue = "csv", paramLabel = "FORMAT",
      description = "csv or json (json with --url only; default: ${DEFAULT-VALUE}).")
  String format;

  @Parameters(index = "0", paramLabel = "QUERY", description = "The SQL query, e.g. \"SELECT count(*) FROM events\".")
  String query;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if ((dataDir == null) == (url == null)) {
      throw new IllegalArgumentException(
          "sql needs --data-dir DIR (server stopped) or --url URL --api-key KEY (server running), not both");
    }
    if (!format.equals("csv") && !format.equals("json")) {
      throw new IllegalArgumentException("--format must be csv or json, not " + format);
    }
    return url != null ? online() : offline();
  }

  private int offline() throws Exception {
    if (format.equals("json")) {
      throw new IllegalArgumentException("--format json needs --url; offline answers are CSV");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Settings settings = config == null ? Settings.defaults() : Settings.defaults().withFile(config);
    try (DataDirLock lock = DataDirLock.acquire(dataDir, "marquee sql")) {
      Marquee.recoverStore(dataDir, settings);
      try (Store store = Store.openForQueries(dataDir.resolve("store"))) {
        new QueryRunner(store::readConnection, 0, Long.MAX_VALUE).run(query, new QueryRunner.Rows() {
          @Override
          public void columns(List<String> labels) {
            out.println(Csv.line(labels));
          }

          @Override
          public void row(List<Object> values) {
            out.println(Csv.line(values));
          }
        });
      } catch (QueryRefusedException e) {
        err.println("sql: " + e.getMessage());
        err.flush();
        return 1;
      }
    }
    out.flush();
    return 0;
  }

  private int online() throws Exception {
    if (apiKey == null) {
      throw new IllegalArgumentException("--url needs --api-key with an admin key");
    }
    URI uri = URI.create(url.replaceAll("/+$", "") + "/v1/sql?format=" + format);
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10))
        .header("Authorization", "Bearer " + apiKey)
        .header("Content-Type", "text/plain; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(query, StandardCharsets.UTF_8)).build();
    HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
        .send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (r.statusCode() != 200) {
      spec.commandLine().getErr().println("sql: the server answered " + r.statusCode() + ": " + r.body());
      return 1;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(r.body());
    out.flush();
    if (r.headers().firstValue("Marquee-Truncated").orElse("").equals("true")) {
      spec.commandLine().getErr().println("sql: the answer was cut at the server's row limit (sql.max-rows)");
    }
    return 0;
  }
}
