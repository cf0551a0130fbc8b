package io.marquee.server;

import io.javalin.http.Context;
import io.marquee.collect.CollectStats;
import io.marquee.core.RejectionCode;
import io.marquee.kafka.KafkaSink;
import io.marquee.log.LogStats;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * {@code GET /metrics}: the node's metrics from the Prometheus Java client, in the Prometheus text
 * format 0.0.4 (OpenMetrics when the scraper's {@code Accept} asks for it). What the collector
 * received, accepted, rejected (by {@link RejectionCode}, every code listed from 0) and
 * deduplicated; fsync latency, the log's queue depth and the store's lag; whether the log can write
 * ({@code marquee_log_writable}) and whether the loader runs ({@code marquee_store_loader_up}); and
 * the client's JVM metrics (memory pools, GC, threads, classes, buffers, process).
 *
 * <p>The node's own values are read when scraped ({@code *WithCallback}): the hot paths keep their
 * striped counters and never touch the registry. Each node has its own registry, so several nodes
 * in one JVM (tests) do not mix their numbers; the JVM's metrics are one registry per process.
 */
final class MetricsEndpoint {
  /**
   * The JVM's metrics, once per process: they describe the process, not a node, and the client
   * keeps every registry it instruments for good, which would keep a node's registry (and the node)
   * alive after it closed.
   */
  private static final PrometheusRegistry JVM = jvmRegistry();
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final ExpositionFormats formats = ExpositionFormats.init();

  MetricsEndpoint(Marquee node) {
    collector(node.collector().stats());
    log(node);
    store(node);
    gauge("marquee_dedup_entries", "messageIds remembered for deduplication.", () -> node.dedupIndex().size());
    gauge("marquee_jvm_heap_used_bytes", "JVM heap in use.", () -> {
      Runtime rt = Runtime.getRuntime();
      return rt.totalMemory() - rt.freeMemory();
    });
  }

  /**
   * The metrics of a collector process ({@code serve --sink kafka}): what it collected, what Kafka
   * acknowledged and refused, and whether Kafka answers.
   */
  MetricsEndpoint(CollectStats stats, KafkaSink sink) {
    collector(stats);
    counter("marquee_kafka_records_acknowledged_total", "Records Kafka acknowledged (acks=all).",
        sink::acknowledged);
    counter("marquee_kafka_records_refused_total",
        "Records Kafka did not acknowledge in time or did not take; their requests got 503.", sink::refused);
    gauge("marquee_kafka_up", "1 while Kafka answers the collector, 0 while it does not.",
        () -> "ok".equals(sink.state()) ? 1 : 0);
    gauge("marquee_jvm_heap_used_bytes", "JVM heap in use.", () -> {
      Runtime rt = Runtime.getRuntime();
      return rt.totalMemory() - rt.freeMemory();
    });
  }

  private static PrometheusRegistry jvmRegistry() {
    PrometheusRegistry jvm = new PrometheusRegistry();
    JvmMetrics.builder().register(jvm);
    return jvm;
  }

  /** The node's metrics and the JVM's, as one exposition. */
  private MetricSnapshots scrape() {
    MetricSnapshots.Builder all = MetricSnapshots.builder();
    registry.scrape().forEach(all::metricSnapshot);
    JVM.scrape().forEach(all::metricSnapshot);
    return all.build();
  }

  void handle(Context ctx) throws IOException {
    String accept = ctx.header("Accept");
    ExpositionFormatWriter writer = formats.findWriter(accept);
    if (!writer.isAvailable()) {
      // protobuf is asked for but not shipped: the text format every Prometheus reads
      writer = formats.getPrometheusTextFormatWriter();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
    writer.write(out, scrape(), EscapingScheme.fromAcceptHeader(accept));
    ctx.contentType(writer.getContentType()).result(out.toByteArray());
  }

  private void collector(CollectStats c) {
    counter("marquee_events_received_total", "Messages received by the collector.", c::received);
    counter("marquee_events_accepted_total", "Messages acknowledged as durable, duplicates included.", c::accepted);
    counter("marquee_events_duplicate_total", "Accepted messages whose messageId was already stored.",
        c::duplicates);
    counter("marquee_events_overloaded_total", "Messages refused with 503 because the log was full.",
        c::overloaded);
    CounterWithCallback.builder().name("marquee_events_rejected_total")
        .help("Messages, or requests refused whole, rejected, by code (see docs/api.md).")
        .labelNames("reason")
        .callback(cb -> c.rejectedByCode().forEach((code, n) -> cb.call(n, code.code())))
        .register(registry);
    CounterWithCallback.builder().name("marquee_events_dropped_total")
        .help("Messages acknowledged but not stored, by reason.")
        .labelNames("reason")
        .callback(cb -> {
          for (Map.Entry<String, Long> e : c.droppedByReason().entrySet()) {
            cb.call(e.getValue(), e.getKey());
          }
        })
        .register(registry);
  }

  private void log(Marquee node) {
    LogStats l = node.log().stats();
    registry.register(new FsyncHistogram(l));
    counter("marquee_log_records_total", "Records written to the event log.", l::records);
    counter("marquee_log_bytes_total", "Bytes written to the event log.", l::bytes);
    counter("marquee_log_write_errors_total",
        "Group commits whose write or fsync failed (a full disk); their requests got 503.", l::writeErrors);
    gauge("marquee_log_queue_bytes", "Bytes waiting for the log writer (queue depth).",
        () -> node.log().queuedBytes());
    gauge("marquee_log_durable_position_bytes", "Log position fsynced so far.", () -> node.log().durablePosition());
    gauge("marquee_log_writable", "1 while the log's last write succeeded, 0 while writes fail.",
        () -> node.log().writeError() == null && node.log().failure() == null ? 1 : 0);
  }

  private void store(Marquee node) {
    gauge("marquee_store_applied_position_bytes", "Log position applied to the store.",
        () -> node.loader().appliedPosition());
    gauge("marquee_store_lag_bytes", "Log bytes not yet applied to the store.",
        () -> node.log().durablePosition() - node.loader().appliedPosition());
    counter("marquee_store_events_applied_total", "Events applied to the store by this process.",
        () -> node.loader().appliedEvents());
    counter("marquee_store_session_loads_total",
        "Playback sessions whose state was read back from the store (not in memory).",
        () -> node.loader().sessionLoads());
    counter("marquee_store_errors_total", "Store batches that failed and were retried.",
        () -> node.loader().failures());
    gauge("marquee_store_loader_up", "1 while the store loader applies the log, 0 while it fails.",
        () -> node.loader().error() == null ? 1 : 0);
    if (node.topicSource() != null) {
      topic(node.topicSource());
    }
  }

  private void topic(io.marquee.kafka.source.KafkaSource topic) {
    GaugeWithCallback.builder().name("marquee_kafka_consumer_lag")
        .help("Events on the topic not yet in the store, by partition.")
        .labelNames("partition")
        .callback(cb -> topic.lag().forEach((partition, lag) -> cb.call(lag, partition)))
        .register(registry);
    counter("marquee_kafka_consumed_total", "Records consumed from the topic, duplicates included.", topic::consumed);
    counter("marquee_kafka_duplicates_total", "Consumed records skipped as duplicates of a stored messageId.",
        topic::duplicates);
    counter("marquee_kafka_suppressed_total", "Consumed records skipped because their viewer was erased on this node.",
        topic::suppressed);
    counter("marquee_kafka_malformed_total", "Consumed records skipped because they were not event records.",
        topic::malformed);
  }

  private void counter(String name, String help, DoubleSupplier value) {
    CounterWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.getAsDouble()))
        .register(registry);
  }

  private void gauge(String name, String help, DoubleSupplier value) {
    GaugeWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.getAsDouble()))
        .register(registry);
  }

  /** {@code marquee_log_fsync_seconds}: the log's own fsync buckets, as a classic histogram. */
  private static final class FsyncHistogram implements Collector {
    private static final double[] BOUNDS = withInfinity(LogStats.SYNC_BUCKETS);
    private final LogStats stats;

    FsyncHistogram(LogStats stats) {
      this.stats = stats;
    }

    @Override
    public MetricSnapshot collect() {
      long[] counts = new long[BOUNDS.length];
      long bucketed = 0;
      for (int i = 0; i < LogStats.SYNC_BUCKETS.length; i++) {
        counts[i] = stats.bucket(i);
        bucketed += counts[i];
      }
      // read after the buckets: a sync counts itself before its bucket, so this never falls short
      counts[counts.length - 1] = Math.max(0, stats.syncs() - bucketed);
      return HistogramSnapshot.builder().name("marquee_log_fsync_seconds")
          .help("Latency of the log's group-commit fsync.")
          .dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
              .classicHistogramBuckets(ClassicHistogramBuckets.of(BOUNDS, counts))
              .sum(stats.syncSeconds())
              .build())
          .build();
    }

    @Override
    public String getPrometheusName() {
      return "marquee_log_fsync_seconds";
    }

    private static double[] withInfinity(double[] bounds) {
      double[] out = java.util.Arrays.copyOf(bounds, bounds.length + 1);
      out[bounds.length] = Double.POSITIVE_INFINITY;
      return out;
    }
  }
}
