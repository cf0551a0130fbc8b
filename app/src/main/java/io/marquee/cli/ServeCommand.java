package io.marquee.cli;

import io.marquee.config.Settings;
import io.marquee.server.Marquee;
import io.marquee.vault.MasterKey;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code marquee serve}: recovers a data dir, then serves the collector and APIs until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serve the collection API on a data dir, or as a collector (--sink kafka) on the control topic "
        + "of --kafka. SIGTERM stops it cleanly (exit 0).")
final class ServeCommand implements Callable<Integer> {
  @Mixin ServeNodeOptions node;

  @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (default: server.port, 8080).")
  Integer port;

  @Option(names = "--host", paramLabel = "HOST", description = "Bind address (default: server.host).")
  String host;

  @Option(names = "--write-key", paramLabel = "KEY",
      description = "Accept this write key (repeatable); kept, hashed, in the data dir. Not for a collector "
          + "(--sink kafka): it takes the owning node's write keys from the control topic.")
  List<String> writeKeys = new ArrayList<>();

  @Option(names = "--master-key-file", paramLabel = "FILE",
      description = "Master key (from `keys init-master`) that wraps the per-user data keys of the vault. "
          + "Default: the MARQUEE_MASTER_KEY environment variable; with neither, personal data is refused.")
  java.nio.file.Path masterKeyFile;

  @Option(names = "--retention-days", paramLabel = "DAYS",
      description = "Days raw events are kept after receipt (default: store.retention-days, 400).")
  Integer retentionDays;

  @Option(names = "--tls-cert", paramLabel = "FILE",
      description = "Serve HTTPS with this PEM certificate chain (with --tls-key); reloaded when it "
          + "changes. Default: server.tls-cert (none: plain HTTP, e.g. behind a TLS-terminating proxy).")
  java.nio.file.Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "FILE",
      description = "PEM private key of --tls-cert (PKCS#8, or PKCS#1 RSA; unencrypted, owner-readable).")
  java.nio.file.Path tlsKey;

  @Option(names = "--sink", paramLabel = "log|kafka", description = "Where collected events go: the data dir's "
      + "event log and store (log, the default), or Kafka (kafka: a collector with no data dir, log or store, "
      + "following the control topic of the owning node; with --kafka, without --data-dir and --write-key).")
  String sink = "log";

  @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "Kafka brokers (setting kafka.bootstrap).")
  String kafka;

  @Option(names = "--topic", paramLabel = "TOPIC", description = "Events topic (setting kafka.topic, marquee.events).")
  String topic;

  @Option(names = "--source", paramLabel = "log|kafka",
      description = "Feed the store from this node's own log (default: store.source, log) or from the events "
          + "topic (kafka, with --kafka): what such a node collects goes through the topic too.")
  String source;

  @Spec CommandSpec spec;

  /** Why a collector refuses an option of a node: its keys are the owning node's, sent on the control topic. */
  private static final String OWNED = "keys and write keys are managed on the owning node (serve --source kafka "
      + "--data-dir D, or any node with kafka.bootstrap) and reach collectors through the control topic";

  @Override
  public Integer call() throws Exception {
    if ("kafka".equals(sink) && node.dataDir != null) {
      throw new IllegalArgumentException("--data-dir is not an option of a collector (--sink kafka): " + OWNED);
    }
    if ("kafka".equals(sink) && !writeKeys.isEmpty()) {
      throw new IllegalArgumentException("--write-key is not an option of a collector (--sink kafka): " + OWNED);
    }
    Settings settings = node.settings();
    if (retentionDays != null) {
      if (retentionDays < 1) {
        throw new IllegalArgumentException("--retention-days must be at least 1");
      }
      settings = settings.with("store.retention-days", retentionDays);
    }
    if (source != null) {
      if (!source.equals("log") && !source.equals("kafka")) {
        throw new IllegalArgumentException("--source must be log or kafka, not '" + source + "'");
      }
      settings = settings.with("store.source", source);
    }
    if ("kafka".equals(source) && "kafka".equals(sink)) {
      throw new IllegalArgumentException("--sink kafka (a collector) and --source kafka (a node) are separate processes");
    }
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new IllegalArgumentException("--tls-cert and --tls-key go together: give both or neither");
    }
    if (tlsCert != null) {
      settings = settings.with(java.util.Map.of("server.tls-cert", tlsCert.toString(),
          "server.tls-key", tlsKey.toString()));
    }
    settings = kafka != null ? settings.with("kafka.bootstrap", kafka) : settings;
    settings = topic != null ? settings.with("kafka.topic", topic) : settings;
    if (!sink.equals("log") && !sink.equals("kafka")) {
      throw new IllegalArgumentException("--sink must be log or kafka, not '" + sink + "'");
    }
    int p = port != null ? port : settings.intValue("server.port");
    String h = host != null ? host : settings.string("server.host");
    PrintWriter out = spec.commandLine().getOut();
    String envKey = System.getenv(MasterKey.ENV);
    MasterKey master = masterKeyFile != null || (envKey != null && !envKey.isBlank())
        ? MasterKey.resolve(masterKeyFile, System.getenv()) : null;
    if (sink.equals("kafka")) {
      // a collector follows the control topic (io.marquee.kafka.control)
      return ServerRunner.serveCollector(settings, master, h, p, out);
    }
    if (node.dataDir == null) {
      throw new IllegalArgumentException("--data-dir is required (only a collector, --sink kafka, runs without one)");
    }
    Marquee m = Marquee.open(node.dataDir, settings, "marquee serve on port " + p, master);
    if (master == null) {
      out.println("No master key (--master-key-file or " + MasterKey.ENV + "): messages with personal data "
          + "will be rejected.");
    }
    for (String k : writeKeys) {
      m.writeKeys().add(k);
    }
    String generated = m.writeKeys().isEmpty() ? m.writeKeys().generate() : null;
    return ServerRunner.serve(m, h, p, out, () -> {
      if (generated != null) {
        out.println("No write key was configured; generated one (shown only now): " + generated);
      }
    });
  }
}
