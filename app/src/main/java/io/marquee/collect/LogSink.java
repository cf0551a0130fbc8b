package io.marquee.collect;

import io.marquee.core.OverloadedException;
import io.marquee.log.EventLog;
import io.marquee.log.LogFullException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The node's event log as a {@link RecordSink}: records are fsynced by the log's writer, which also
 * drops duplicates within the deduplication window. A full queue, a failed writer or a disk that
 * refuses writes ({@link LogFullException}) becomes {@link OverloadedException}: one rule for every
 * refusal, 503 and nothing acknowledged. The log keeps one order for everything, so viewers are not
 * needed.
 */
public final class LogSink implements RecordSink {
  private final EventLog log;

  public LogSink(EventLog log) {
    this.log = log;
  }

  @Override
  public CompletableFuture<boolean[]> append(List<byte[]> payloads, long[] keys, String[] viewers) {
    CompletableFuture<boolean[]> written;
    try {
      written = log.append(payloads, keys);
    } catch (LogFullException e) {
      throw new OverloadedException(e.getMessage());
    }
    return written.exceptionallyCompose(t -> {
      Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
      return CompletableFuture.failedFuture(
          cause instanceof LogFullException ? new OverloadedException(cause.getMessage()) : cause);
    });
  }
}
