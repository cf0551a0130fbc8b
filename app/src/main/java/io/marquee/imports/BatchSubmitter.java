package io.marquee.imports;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marquee.core.BatchResult;
import io.marquee.core.EventSink;
import io.marquee.core.OverloadedException;
import io.marquee.core.Rejection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A buffer that hands messages to an {@link EventSink} in batches, waits and retries while the
 * pipeline is overloaded, and reports each rejection with the file and line its message came from.
 */
final class BatchSubmitter {
  static final int BATCH_SIZE = 5_000;
  private static final long FIRST_BACKOFF_MILLIS = 50;
  private static final long MAX_BACKOFF_MILLIS = 2_000;
  private static final long GIVE_UP_NANOS = TimeUnit.MINUTES.toNanos(2);

  private final EventSink sink;
  private final ReportBuilder report;
  private List<ObjectNode> messages = new ArrayList<>();
  private List<String> sources = new ArrayList<>();

  BatchSubmitter(EventSink sink, ReportBuilder report) {
    this.sink = sink;
    this.report = report;
  }

  /** Queues a message, submitting the batch once it is full; {@code source} is "file line n". */
  void add(ObjectNode message, String source) throws InterruptedException {
    messages.add(message);
    sources.add(source);
    if (messages.size() >= BATCH_SIZE) {
      flush();
    }
  }

  /** Submits whatever is queued, blocking until it is durable. */
  void flush() throws InterruptedException {
    if (messages.isEmpty()) {
      return;
    }
    List<ObjectNode> batch = messages;
    List<String> batchSources = sources;
    messages = new ArrayList<>();
    sources = new ArrayList<>();
    BatchResult result = submit(batch);
    report.accepted(result.accepted(), result.duplicates());
    for (Rejection rejection : result.rejected()) {
      int i = rejection.index();
      String where =
          i >= 0 && i < batchSources.size() ? batchSources.get(i) : "message " + i + " of a batch";
      report.reject(where + ": refused by the pipeline: " + rejection.error());
    }
  }

  /** Submits one batch; while the pipeline is overloaded, backs off and retries for a while. */
  private BatchResult submit(List<ObjectNode> batch) throws InterruptedException {
    long giveUpAt = System.nanoTime() + GIVE_UP_NANOS;
    long backoff = FIRST_BACKOFF_MILLIS;
    while (true) {
      try {
        return sink.submit(batch);
      } catch (OverloadedException e) {
        if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoff) - giveUpAt > 0) {
          throw e;
        }
        Thread.sleep(backoff);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
      }
    }
  }
}
