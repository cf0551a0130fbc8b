package io.marquee.server;

import io.javalin.http.Context;
import io.marquee.collect.CollectStats;
import io.marquee.log.LogStats;
import java.util.Map;

/**
 * {@code GET /metrics}: Prometheus text exposition of what the collector received, accepted,
 * rejected (by reason) and deduplicated, fsync latency, the log's queue depth and the store's lag,
 * whether the log can write ({@code marquee_log_writable}) and whether the loader runs
 * ({@code marquee_store_loader_up}).
 */
final class MetricsEndpoint {
  private final Marquee node;

  MetricsEndpoint(Marquee node) {
    this.node = node;
  }

  void handle(Context ctx) {
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(render());
  }

  String render() {
    StringBuilder out = new StringBuilder(2048);
    CollectStats c = node.collector().stats();
    counter(out, "marquee_events_received_total", "Messages received by the collector.", c.received());
    counter(out, "marquee_events_accepted_total", "Messages acknowledged as durable, duplicates included.",
        c.accepted());
    counter(out, "marquee_events_duplicate_total", "Accepted messages whose messageId was already stored.",
        c.duplicates());
    counter(out, "marquee_events_overloaded_total", "Messages refused with 503 because the log was full.",
        c.overloaded());
    out.append("# HELP marquee_events_rejected_total Messages or requests rejected, by reason.\n")
        .append("# TYPE marquee_events_rejected_total counter\n");
    for (Map.Entry<String, Long> e : c.rejectedByReason().entrySet()) {
      out.append("marquee_events_rejected_total{reason=\"").append(e.getKey()).append("\"} ")
          .append(e.getValue()).append('\n');
    }
    out.append("# HELP marquee_events_dropped_total Messages acknowledged but not stored, by reason.\n")
        .append("# TYPE marquee_events_dropped_total counter\n");
    for (Map.Entry<String, Long> e : c.droppedByReason().entrySet()) {
      out.append("marquee_events_dropped_total{reason=\"").append(e.getKey()).append("\"} ")
          .append(e.getValue()).append('\n');
    }
    LogStats l = node.log().stats();
    out.append("# HELP marquee_log_fsync_seconds Latency of the log's group-commit fsync.\n")
        .append("# TYPE marquee_log_fsync_seconds histogram\n");
    long cumulative = 0;
    for (int i = 0; i < LogStats.SYNC_BUCKETS.length; i++) {
      cumulative += l.bucket(i);
      out.append("marquee_log_fsync_seconds_bucket{le=\"").append(LogStats.SYNC_BUCKETS[i]).append("\"} ")
          .append(cumulative).append('\n');
    }
    out.append("marquee_log_fsync_seconds_bucket{le=\"+Inf\"} ").append(l.syncs()).append('\n')
        .append("marquee_log_fsync_seconds_sum ").append(l.syncSeconds()).append('\n')
        .append("marquee_log_fsync_seconds_count ").append(l.syncs()).append('\n');
    counter(out, "marquee_log_records_total", "Records written to the event log.", l.records());
    counter(out, "marquee_log_bytes_total", "Bytes written to the event log.", l.bytes());
    gauge(out, "marquee_log_queue_bytes", "Bytes waiting for the log writer (queue depth).",
        node.log().queuedBytes());
    long durable = node.log().durablePosition();
    long applied = node.loader().appliedPosition();
    gauge(out, "marquee_log_durable_position_bytes", "Log position fsynced so far.", durable);
    gauge(out, "marquee_store_applied_position_bytes", "Log position applied to the store.", applied);
    gauge(out, "marquee_store_lag_bytes", "Log bytes not yet applied to the store.", durable - applied);
    counter(out, "marquee_store_events_applied_total", "Events applied to the store by this process.",
        node.loader().appliedEvents());
    counter(out, "marquee_store_session_loads_total",
        "Playback sessions whose state was read back from the store (not in memory).",
        node.loader().sessionLoads());
    counter(out, "marquee_store_errors_total", "Store batches that failed and were retried.",
        node.loader().failures());
    gauge(out, "marquee_store_loader_up", "1 while the store loader applies the log, 0 while it fails.",
        node.loader().error() == null ? 1 : 0);
    counter(out, "marquee_log_write_errors_total",
        "Group commits whose write or fsync failed (a full disk); their requests got 503.",
        l.writeErrors());
    gauge(out, "marquee_log_writable", "1 while the log's last write succeeded, 0 while writes fail.",
        node.log().writeError() == null && node.log().failure() == null ? 1 : 0);
    gauge(out, "marquee_dedup_entries", "messageIds remembered for deduplication.", node.dedupIndex().size());
    Runtime rt = Runtime.getRuntime();
    gauge(out, "marquee_jvm_heap_used_bytes", "JVM heap in use.", rt.totalMemory() - rt.freeMemory());
    return out.toString();
  }

  private static void counter(StringBuilder out, String name, String help, long value) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n')
        .append("# TYPE ").append(name).append(" counter\n")
        .append(name).append(' ').append(value).append('\n');
  }

  private static void gauge(StringBuilder out, String name, String help, long value) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n')
        .append("# TYPE ").append(name).append(" gauge\n")
        .append(name).append(' ').append(value).append('\n');
  }
}
