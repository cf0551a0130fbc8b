package io.marquee.adexport;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Work on a list done a batch at a time on a few threads, each batch's result handed to the caller's
 * thread in list order: batch {@code k + 1} may finish first, it is taken after batch {@code k}. At
 * most {@code threads + 1} batches are running or finished and not yet taken, which bounds what is in
 * memory (an export's decrypted fields and formatted lines). A failed batch stops the run: its
 * exception is rethrown on the caller's thread and the batches still running are interrupted.
 */
final class OrderedBatches {
  /** One batch's work over the items {@code from} (inclusive) to {@code to} (exclusive). */
  interface Work<T> {
    T run(int from, int to) throws IOException, SQLException;
  }

  /** What the caller's thread does with each result, in batch order. */
  interface Sink<T> {
    void accept(T result) throws IOException;
  }

  private OrderedBatches() {}

  /** Runs {@code work} over {@code items} items in batches of {@code batch} on {@code threads} threads. */
  static <T> void run(int items, int batch, int threads, String name, Work<T> work, Sink<T> sink)
      throws IOException, SQLException {
    if (batch < 1 || threads < 1) {
      throw new IllegalArgumentException("batch and threads must be positive");
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
    try {
      Deque<Future<T>> pending = new ArrayDeque<>();
      int next = 0;
      while (next < items || !pending.isEmpty()) {
        while (next < items && pending.size() <= threads) {
          int from = next;
          int to = Math.min(items, from + batch);
          pending.add(pool.submit(() -> work.run(from, to)));
          next = to;
        }
        sink.accept(await(pending.poll()));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** A batch's result, its failure rethrown as the work's own exception. */
  private static <T> T await(Future<T> result) throws IOException, SQLException {
    try {
      return result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for a batch");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof SQLException sql) {
        throw sql;
      }
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException rt) {
        throw rt;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    }
  }
}
