/**
 * Benchmarks of Marquee's ingest path: {@code marquee bench ingest}, a load generator that posts
 * Segment batches to a running collector and reports acked events per second and ack latency, and
 * {@code marquee bench events}, which writes the same events to a CSV or NDJSON file (for loading
 * into PostgreSQL with COPY as a baseline, see {@code bench/compare-postgres.sh}).
 *
 * <p>{@link io.marquee.bench.Heartbeats} is the one definition of the events; {@link
 * io.marquee.bench.BatchTemplate} renders a batch request once and patches ids, positions and
 * timestamps in place per request, so the generator costs the measured machine little CPU.
 */
package io.marquee.bench;
