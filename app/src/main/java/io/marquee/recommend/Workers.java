package io.marquee.recommend;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed-size pool of daemon threads that runs a loop body over index ranges: each thread takes
 * the next chunk of {@link #CHUNK} indices until none is left, so uneven rows balance out. Results
 * do not depend on the thread count as long as each index's work is independent.
 */
final class Workers implements AutoCloseable {
  static final int CHUNK = 64;

  /** A loop body over the indices from (inclusive) .. to (exclusive). */
  interface Range {
    void run(int from, int to);
  }

  private final int threads;
  private final ExecutorService pool;

  Workers(int threads, String name) {
    this.threads = Math.max(1, threads);
    AtomicInteger n = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(this.threads, r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** Runs {@code body} over 0 .. n - 1 on all threads and waits for it to finish. */
  void forRange(int n, Range body) {
    AtomicInteger next = new AtomicInteger();
    List<Future<?>> running = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      running.add(pool.submit(() -> {
        for (int from = next.getAndAdd(CHUNK); from < n; from = next.getAndAdd(CHUNK)) {
          body.run(from, Math.min(n, from + CHUNK));
        }
      }));
    }
    try {
      for (Future<?> f : running) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
