package io.marquee.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The engine of {@code bench ingest}: posts batches of heartbeats over concurrent keep-alive
 * connections, first a warmup, then the timed section, and counts what the server acked.
 *
 * <p>Batches are numbered across the whole run (warmup first) and handed out from a shared counter,
 * so every event, and its messageId, is sent once. A batch counts as acked only from a 200 response
 * whose {@code accepted} equals its size; on 429 or 503 the same batch is resent after the
 * Retry-After delay. Any other outcome is an error, and the run stops taking new batches.
 */
final class LoadGenerator {

  /** Largest batch body the generator will send; the collector answers 413 past 500 KB. */
  static final int MAX_BODY_BYTES = 500_000;

  /** Wait before a resend when a 429/503 has no readable Retry-After. */
  static final Duration DEFAULT_RETRY = Duration.ofSeconds(1);

  /** Shortest wait before a resend, so Retry-After: 0 does not spin. */
  static final Duration MIN_RETRY = Duration.ofMillis(10);

  /** Longest single wait, whatever Retry-After says. */
  static final Duration MAX_RETRY = Duration.ofSeconds(30);

  /** How long one batch may be refused with back-pressure before the run gives up on it. */
  static final Duration MAX_BACK_PRESSURE = Duration.ofMinutes(2);

  private static final int READ_TIMEOUT_MILLIS = 120_000;

  /**
   * What to send and where.
   *
   * @param host server host name or address
   * @param port server port
   * @param path request target of the batch endpoint, normally {@code /v1/batch}
   * @param writeKey the source's write key
   * @param events events in the timed section
   * @param batch events per batch; also the number of viewers of {@code heartbeats}
   * @param connections concurrent connections, one worker thread each
   * @param warmupEvents events sent before the timed section, rounded up to whole batches
   * @param heartbeats the events; its viewers must equal {@code batch}
   */
  record Plan(
      String host,
      int port,
      String path,
      String writeKey,
      long events,
      int batch,
      int connections,
      long warmupEvents,
      Heartbeats heartbeats) {

    Plan {
      if (events < 1 || batch < 1 || connections < 1 || warmupEvents < 0) {
        throw new IllegalArgumentException(
            "events, batch and connections must be at least 1, warmup at least 0");
      }
      if (heartbeats.viewers() != batch) {
        throw new IllegalArgumentException("heartbeats must have one viewer per batch slot");
      }
    }

    long warmupBatches() {
      return (warmupEvents + batch - 1) / batch;
    }

    long timedBatches() {
      return (events + batch - 1) / batch;
    }
  }

  private final Plan plan;
  private final BatchTemplate full;
  private final BatchTemplate last;
  private final long firstTimed;
  private final long lastNumber;
  private final long[] latencies;
  private final LongAdder warmupAcked = new LongAdder();
  private final LongAdder ackedEvents = new LongAdder();
  private final LongAdder ackedBatches = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicReference<String> firstError = new AtomicReference<>();

  LoadGenerator(Plan plan) {
    this.plan = plan;
    String host = plan.host().contains(":") ? "[" + plan.host() + "]" : plan.host();
    String hostHeader = host + ":" + plan.port();
    full =
        new BatchTemplate(
            plan.heartbeats(), plan.batch(), hostHeader, plan.path(), plan.writeKey());
    int rest = (int) (plan.events() % plan.batch());
    last =
        rest == 0
            ? full
            : new BatchTemplate(plan.heartbeats(), rest, hostHeader, plan.path(), plan.writeKey());
    if (full.bodyLength() > MAX_BODY_BYTES) {
      throw new IllegalArgumentException(
          "a batch of "
              + plan.batch()
              + " events is "
              + full.bodyLength()
              + " bytes, over the collector's limit of "
              + MAX_BODY_BYTES
              + "; use a smaller batch");
    }
    firstTimed = plan.warmupBatches();
    lastNumber = firstTimed + plan.timedBatches() - 1;
    if ((lastNumber + 1) * plan.batch() > 999_999_999_999L) {
      throw new IllegalArgumentException(
          "too many events for " + Heartbeats.ID_DIGITS + "-digit ids");
    }
    latencies = new long[(int) plan.timedBatches()];
  }

  /** Bytes of one full batch's body. */
  int batchBodyBytes() {
    return full.bodyLength();
  }

  /** Runs the warmup and the timed section, and returns what was measured. */
  IngestResult run() throws InterruptedException {
    Arrays.fill(latencies, -1);
    List<Worker> workers = new ArrayList<>();
    for (int i = 0; i < plan.connections(); i++) {
      workers.add(new Worker());
    }
    try {
      runPhase(workers, new AtomicLong(0), firstTimed, false);
      long start = System.nanoTime();
      runPhase(workers, new AtomicLong(firstTimed), lastNumber + 1, true);
      long nanos = System.nanoTime() - start;
      long[] acked = Arrays.stream(latencies).filter(l -> l >= 0).toArray();
      return new IngestResult(
          ackedEvents.sum(),
          ackedBatches.sum(),
          nanos,
          acked,
          warmupAcked.sum(),
          retries.sum(),
          errors.sum(),
          rejected.sum(),
          firstError.get());
    } finally {
      workers.forEach(w -> w.connection.close());
    }
  }

  private void runPhase(List<Worker> workers, AtomicLong next, long end, boolean timed)
      throws InterruptedException {
    if (next.get() >= end) {
      return;
    }
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < workers.size(); i++) {
      Worker w = workers.get(i);
      Thread t = new Thread(() -> w.drain(next, end, timed), "bench-ingest-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    try {
      for (Thread t : threads) {
        t.join();
      }
    } catch (InterruptedException e) {
      stop.set(true);
      for (Thread t : threads) {
        t.interrupt();
      }
      throw e;
    }
  }

  private void fail(String message) {
    errors.increment();
    firstError.compareAndSet(null, message);
    stop.set(true);
  }

  /** One connection and its own copies of the request bytes. */
  private final class Worker {
    final BatchConnection connection =
        new BatchConnection(plan.host(), plan.port(), READ_TIMEOUT_MILLIS);
    final byte[] fullRequest = full.newRequest();
    final byte[] lastRequest = last == full ? fullRequest : last.newRequest();

    void drain(AtomicLong next, long end, boolean timed) {
      while (!stop.get()) {
        long b = next.getAndIncrement();
        if (b >= end) {
          return;
        }
        send(b, timed);
      }
    }

    private void send(long b, boolean timed) {
      boolean isLast = b == lastNumber;
      BatchTemplate template = isLast ? last : full;
      byte[] request = isLast ? lastRequest : fullRequest;
      template.patch(request, b);
      long giveUpAt = System.nanoTime() + MAX_BACK_PRESSURE.toNanos();
      boolean resentAfterIoError = false;
      while (!stop.get()) {
        long sent = System.nanoTime();
        try {
          connection.exchange(request);
        } catch (IOException e) {
          if (connection.lastExchangeReused() && !resentAfterIoError) {
            // The server may have closed the idle keep-alive connection; resend once on a new one.
            resentAfterIoError = true;
            continue;
          }
          fail("batch " + b + ": " + e);
          return;
        }
        long took = System.nanoTime() - sent;
        int status = connection.status();
        if (status == 200) {
          long accepted = connection.accepted();
          if (accepted == template.size() && !connection.hasRejections()) {
            if (timed) {
              latencies[(int) (b - firstTimed)] = took;
              ackedEvents.add(template.size());
              ackedBatches.increment();
            } else {
              warmupAcked.add(template.size());
            }
            return;
          }
          rejected.add(template.size() - Math.max(0, accepted));
          fail(
              "batch "
                  + b
                  + ": accepted "
                  + accepted
                  + " of "
                  + template.size()
                  + ": "
                  + abbreviate(connection.bodyText()));
          return;
        }
        if (status == 429 || status == 503) {
          retries.increment();
          if (System.nanoTime() - giveUpAt > 0) {
            fail("batch " + b + ": still " + status + " after " + MAX_BACK_PRESSURE);
            return;
          }
          Duration wait = BatchConnection.retryDelay(connection.retryAfter(), DEFAULT_RETRY);
          wait = wait.compareTo(MIN_RETRY) < 0 ? MIN_RETRY : wait;
          wait = wait.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait;
          try {
            Thread.sleep(wait.toMillis());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
            return;
          }
          continue;
        }
        fail("batch " + b + ": HTTP " + status + ": " + abbreviate(connection.bodyText()));
        return;
      }
    }
  }

  private static String abbreviate(String s) {
    String oneLine = s.replace('\n', ' ').replace('\r', ' ').strip();
    return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "...";
  }
}
