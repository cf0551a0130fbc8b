package io.marquee.bench;

import java.util.Locale;

/**
 * What one {@code bench ingest} run measured.
 *
 * @param events events acked durable in the timed section (warmup excluded)
 * @param batches batches acked in the timed section
 * @param nanos length of the timed section
 * @param latencies send-to-response time of each acked timed request, in nanoseconds
 * @param warmupEvents events acked during warmup, not counted in the rates
 * @param retries responses 429 or 503 (back-pressure), each followed by a resend of the same batch
 * @param errors requests that failed otherwise: transport errors, other statuses, batches not
 *     wholly accepted
 * @param rejected messages the server reported as rejected
 * @param firstError the first error, for the report, or null
 */
record IngestResult(
    long events,
    long batches,
    long nanos,
    long[] latencies,
    long warmupEvents,
    long retries,
    long errors,
    long rejected,
    String firstError) {

  /** Acked events per second over the timed section. */
  double eventsPerSecond() {
    return nanos <= 0 ? 0 : events * 1e9 / nanos;
  }

  /** The report printed at the end of a run, one {@code name: value} per line, then the summary. */
  String report() {
    Percentiles p = new Percentiles(latencies);
    StringBuilder out = new StringBuilder();
    line(out, "events", Long.toString(events));
    line(out, "batches", Long.toString(batches));
    line(out, "seconds", String.format(Locale.ROOT, "%.3f", nanos / 1e9));
    line(out, "events/s", String.format(Locale.ROOT, "%.0f", eventsPerSecond()));
    line(out, "latency p50 ms", ms(p.at(1, 2)));
    line(out, "latency p99 ms", ms(p.at(99, 100)));
    line(out, "latency p999 ms", ms(p.at(999, 1000)));
    line(out, "latency max ms", ms(p.max()));
    line(out, "warmup events", Long.toString(warmupEvents));
    line(out, "retries (429/503)", Long.toString(retries));
    line(out, "rejected", Long.toString(rejected));
    line(out, "errors", Long.toString(errors));
    if (firstError != null) {
      line(out, "first error", firstError);
    }
    out.append(
        String.format(
            Locale.ROOT,
            "ingest: %.0f events/s, p50 %s ms, p99 %s ms, p999 %s ms%n",
            eventsPerSecond(),
            ms(p.at(1, 2)),
            ms(p.at(99, 100)),
            ms(p.at(999, 1000))));
    return out.toString();
  }

  private static void line(StringBuilder out, String name, String value) {
    out.append(name).append(": ").append(value).append(System.lineSeparator());
  }

  private static String ms(long nanos) {
    return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
  }
}
