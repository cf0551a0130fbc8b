package io.marquee.bench;

import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code marquee bench ingest} command: measures how many events per second a running Marquee
 * collector acknowledges as durable, and the latency of each acknowledgement, under a steady load
 * of Segment batches on concurrent keep-alive connections.
 *
 * <p>Run it as {@code ./marquee bench ingest --url http://127.0.0.1:8080 --write-key KEY}; it sends
 * a warmup (by default a tenth of {@code --events}), then {@code --events} heartbeat events in
 * batches of {@code --batch} over {@code --connections} connections, and prints events, batches,
 * seconds, acked events per second over the timed section, latency percentiles (send to response of
 * each acked request), retries after 429/503 and errors, then the one-line summary {@code ingest: X
 * events/s, p50 A ms, p99 B ms, p999 C ms}. It exits 1 when any request failed for a reason other
 * than back-pressure. {@code bench/compare-postgres.sh} runs it next to a PostgreSQL COPY of the
 * same events.
 */
@Command(
    name = "ingest",
    description = {
      "Load generator: posts Segment batches to a running collector and reports acked events/s"
          + " and ack latency percentiles.",
      "Exits 1 if a request failed for a reason other than back-pressure (429/503)."
    })
final class IngestCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  private boolean help;

  @Option(
      names = "--url",
      required = true,
      description = "Collector base URL, e.g. http://127.0.0.1:8080.")
  private String url;

  @Option(names = "--identify",
      description = "Send identify calls with personal data (e-mail, phone, names, birthday, street) "
          + "instead of track heartbeats: the vault's cost; the server needs a master key.")
  boolean identify;

  @Option(names = "--write-key", required = true, description = "Write key of the source.")
  private String writeKey;

  @Option(
      names = "--events",
      defaultValue = "1000000",
      description = "Events in the timed section (default: ${DEFAULT-VALUE}).")
  private long events;

  @Option(
      names = "--batch",
      defaultValue = "500",
      description = "Events per batch (default: ${DEFAULT-VALUE}).")
  private int batch;

  @Option(
      names = "--connections",
      defaultValue = "8",
      description = "Concurrent connections (default: ${DEFAULT-VALUE}).")
  private int connections;

  @Option(
      names = "--warmup-events",
      description = "Events sent before timing starts (default: a tenth of --events).")
  private Long warmupEvents;

  @picocli.CommandLine.Mixin private SeedOptions seeds = new SeedOptions();

  @Override
  public Integer call() throws InterruptedException {
    if (events < 1) {
      throw new ParameterException(spec.commandLine(), "--events must be at least 1");
    }
    if (batch < 1) {
      throw new ParameterException(spec.commandLine(), "--batch must be at least 1");
    }
    if (connections < 1 || connections > 1024) {
      throw new ParameterException(spec.commandLine(), "--connections must be 1 to 1024");
    }
    long warmup = warmupEvents == null ? events / 10 : warmupEvents;
    if (warmup < 0) {
      throw new ParameterException(spec.commandLine(), "--warmup-events must not be negative");
    }
    URI target = parseUrl();
    String path = target.getRawPath() == null ? "" : target.getRawPath();
    if (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (!path.endsWith("/v1/batch")) {
      path = path + "/v1/batch";
    }
    int port = target.getPort() < 0 ? 80 : target.getPort();
    String host = target.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }

    long batches = (warmup + batch - 1) / batch + (events + batch - 1) / batch;
    Heartbeats heartbeats = seeds.heartbeats(batch, batches, identify);
    LoadGenerator generator;
    try {
      generator =
          new LoadGenerator(
              new LoadGenerator.Plan(
                  host, port, path, writeKey, events, batch, connections, warmup, heartbeats));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "bench ingest: %d events (after %d warmup) in batches of %d (%d bytes) over %d connections"
            + " to http://%s:%d%s, run id %s%n",
        events,
        warmup,
        batch,
        generator.batchBodyBytes(),
        connections,
        target.getHost(),
        port,
        path,
        heartbeats.runId());
    out.flush();
    IngestResult result = generator.run();
    out.print(result.report());
    out.flush();
    return result.errors() == 0 ? 0 : 1;
  }

  private URI parseUrl() {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new ParameterException(spec.commandLine(), "--url is not a URL: " + e.getMessage());
    }
    if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
      throw new ParameterException(
          spec.commandLine(), "--url must be an http:// URL with a host, got " + url);
    }
    return uri;
  }
}
