package io.marquee.collect;

import io.marquee.core.OverloadedException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where the {@link Collector} writes the records it accepted: the node's event log ({@link LogSink})
 * or a Kafka topic ({@code io.marquee.kafka.KafkaSink}). A record is the payload {@code
 * core.EventRecord.encode} produced; the collector answers a request only when its sink says every
 * record of it is durable.
 */
public interface RecordSink {
  /**
   * Takes one request's records. The future completes once every record is durable, with one flag
   * per record telling whether the sink knew it as a duplicate (and so did not write it again); it
   * fails with {@link OverloadedException} when the sink refused the records after taking them, in
   * which case the request is not acknowledged (some of its records may still have been written:
   * a client's retry makes them duplicates, never losses).
   *
   * @param keys deduplication key per record ({@link MessageIdIndex#key}), 0 for none
   * @param viewers per record, the viewer whose events must stay in order: its {@code userId} when
   *     non-empty, else its {@code anonymousId} ({@link #viewer})
   * @throws OverloadedException when the sink cannot take the records now; nothing was taken
   */
  CompletableFuture<boolean[]> append(List<byte[]> payloads, long[] keys, String[] viewers);

  /** The viewer key of a message: {@code userId} when non-empty, else {@code anonymousId} (may be null). */
  static String viewer(String userId, String anonymousId) {
    return userId != null && !userId.isEmpty() ? userId : anonymousId;
  }
}
