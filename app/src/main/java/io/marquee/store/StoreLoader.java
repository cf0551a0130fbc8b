package io.marquee.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.core.Title;
import io.marquee.log.EventLog;
import io.marquee.log.LogRecord;
import java.io.Closeable;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the event log (or another {@link RecordSource}) and applies it to the store in micro-batches: events through DuckDB's
 * appender, titles first seen in events, then each {@link Projection} (views, consent, profiles, and
 * whatever a capability adds) on the same batch.
 *
 * <p>Implementation notes. A batch is applied in one transaction: events, titles, every projection,
 * then the applied position in {@code marquee_meta}. {@link #recover} still deletes events at or past
 * the recorded position before replaying (a safety net should a batch ever be half-visible) and lets
 * each projection {@link Projection#discardFrom discard} its rows from there, so a replayed batch ends
 * the same as an uninterrupted one. At start, {@link Projections#prepare} creates each projection's
 * tables and rebuilds from the {@code events} table those whose version changed.
 */
public final class StoreLoader implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(StoreLoader.class);

  private final Store store;
  private final RecordSource source;
  private final ObjectMapper json;
  private final int maxBatchRecords;
  private final Object monitor = new Object();
  private final Set<String> knownTitles = new HashSet<>();
  private final LongAdder appliedEvents = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final List<Projection> projections;
  private final Duration logRetention;
  private final Duration eventRetention;
  private long lastRetentionCheck;
  private volatile long applied;
  /** What waiters see: {@link #applied} once the batch's follow-up work (retention) is done too. */
  private long published;
  private volatile boolean running;
  private volatile String error;
  /** Test seam: while set, the loader applies nothing (a backlog builds up). */
  private volatile boolean paused;
  private volatile Thread thread;

  public StoreLoader(Store store, EventLog log, ObjectMapper json, int maxBatchRecords) {
    this(store, log, json, maxBatchRecords, null);
  }

  /**
   * @param logRetention how long applied log segments are kept before they are deleted, or null to
   *     keep them all
   */
  public StoreLoader(Store store, EventLog log, ObjectMapper json, int maxBatchRecords,
      Duration logRetention) {
    this(store, log, json, maxBatchRecords, logRetention, null);
  }

  /** @param eventRetention how long raw events are kept after they were received, or null for ever */
  public StoreLoader(Store store, EventLog log, ObjectMapper json, int maxBatchRecords,
      Duration logRetention, Duration eventRetention) {
    this(store, log, json, maxBatchRecords, logRetention, eventRetention, Projections.standard(json));
  }

  /**
   * @param projections the tables kept current from the events besides {@code events} and {@code
   *     titles}, applied in this order in every batch (see {@link Projections#standard})
   */
  public StoreLoader(Store store, EventLog log, ObjectMapper json, int maxBatchRecords,
      Duration logRetention, Duration eventRetention, List<Projection> projections) {
    this(store, new LogSource(log), json, maxBatchRecords, logRetention, eventRetention, projections);
  }

  /**
   * A loader fed from {@code source} (the node's log, or a Kafka topic) instead of an {@link EventLog}.
   *
   * @param logRetention how long applied pieces of the source are kept ({@link RecordSource#deleteApplied}),
   *     or null to keep them all
   */
  public StoreLoader(Store store, RecordSource source, ObjectMapper json, int maxBatchRecords,
      Duration logRetention, Duration eventRetention, List<Projection> projections) {
    this.projections = List.copyOf(projections);
    store.project(this.projections);
    this.logRetention = logRetention;
    this.eventRetention = eventRetention;
    this.store = store;
    this.source = source;
    this.json = json;
    this.maxBatchRecords = maxBatchRecords;
  }

  /** Removes the effects of a partly applied batch, then applies the whole log tail synchronously. */
  public void recover() throws IOException {
    try {
      store.writeLock().lock();
      try {
        applied = resumePosition();
        synchronized (monitor) {
          published = applied;
        }
        try (PreparedStatement p = store.writer().prepareStatement("DELETE FROM events WHERE log_pos >= ?")) {
          p.setLong(1, applied);
          int removed = p.executeUpdate();
          if (removed > 0) {
            LOG.info("store: removed {} rows of a batch interrupted by a crash; replaying it", removed);
          }
        }
        // tables first (a projection new to this store has none yet), then what the crash left
        Projections.prepare(store.writer(), projections);
        for (Projection projection : projections) {
          projection.discardFrom(store.writer(), applied);
        }
        try (Statement s = store.writer().createStatement();
            ResultSet r = s.executeQuery("SELECT asset_id FROM titles")) {
          while (r.next()) {
            knownTitles.add(r.getString(1));
          }
        }
      } finally {
        store.writeLock().unlock();
      }
      while (applyNext()) {
        // catch up before the server opens its port
      }
    } catch (SQLException e) {
      throw new IOException("store recovery failed: " + e.getMessage(), e);
    }
  }

  /** The position to resume from: the store's own, as the source checks and adjusts it. */
  private long resumePosition() throws IOException, SQLException {
    return source.resumePosition(store.writer(), store.appliedPosition());
  }

  /** Starts following the log in a background thread. */
  public void start() {
    running = true;
    source.onDurable(position -> {
      synchronized (monitor) {
        monitor.notifyAll();
      }
    });
    thread = new Thread(this::run, "store-loader");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    try {
      follow();
    } catch (Throwable t) {
      error = "the loader stopped: " + t;
      LOG.error("store loader stopped; events stay durable in the log and the next start applies them", t);
    }
  }

  /**
   * Applies batches until closed. A failing batch is retried with a backoff doubling from 1 s to 30 s
   * while {@link #error} says why; the stack trace is logged once per run of failures.
   */
  private void follow() {
    long backoff = 1000;
    while (running) {
      try {
        if (paused) {
          synchronized (monitor) {
            monitor.wait(50);
          }
          continue;
        }
        if (!applyNext()) {
          synchronized (monitor) {
            if (running && source.durablePosition() <= applied) {
              monitor.wait(200);
            }
          }
        }
        backoff = 1000;
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        failures.increment();
        if (error == null) {
          LOG.error("store loader failed to apply the log at position {}; retrying in {} ms", applied, backoff, e);
        } else {
          LOG.error("store loader still fails at position {}: {}; retrying in {} ms", applied, e, backoff);
        }
        error = "cannot apply the log at position " + applied + ": " + e;
        // the whole backoff, whatever new appends notify: a failing batch is not retried (and logged)
        // at the rate events arrive; close() ends the wait at once
        long until = System.nanoTime() + backoff * 1_000_000L;
        synchronized (monitor) {
          try {
            for (long left = until - System.nanoTime(); running && left > 0; left = until - System.nanoTime()) {
              monitor.wait(Math.max(1, left / 1_000_000L));
            }
          } catch (InterruptedException ie) {
            return;
          }
        }
        backoff = Math.min(backoff * 2, 30_000);
      }
    }
  }

  /** Clears the failure state once a batch applies again (before waiters see it applied). */
  private void clearError() {
    if (error != null) {
      LOG.info("store loader applies the log again, now at position {}", applied);
      error = null;
    }
  }

  /** Test seam: pauses or resumes applying batches. */
  void pause(boolean pause) {
    this.paused = pause;
  }

  /**
   * Why the loader is not applying the log (its last batch failed, or its thread stopped), or null
   * while it works. Events are still durably accepted meanwhile: the log keeps them.
   */
  public String error() {
    String e = error;
    if (e == null && running && thread != null && !thread.isAlive()) {
      return "the loader thread is not running";
    }
    return e;
  }

  private volatile BiConsumer<String, String> playbackListener = (user, asset) -> { };

  /**
   * Tells {@code listener} the user id and asset id of every playback event of an identified user,
   * once its batch is committed and before {@link #awaitCaughtUp} can return for it: how the
   * recommendations leave out what a viewer started since the last training. A listener's failure is
   * logged and does not stop the loader.
   */
  public void onPlayback(BiConsumer<String, String> listener) {
    this.playbackListener = listener;
  }

  private void announcePlayback(List<EventRow> rows) {
    BiConsumer<String, String> listener = playbackListener;
    for (EventRow row : rows) {
      if (row.isPlayback() && row.userId != null && row.assetId != null) {
        try {
          listener.accept(row.userId, row.assetId);
        } catch (RuntimeException e) {
          LOG.warn("playback listener failed: {}", e.toString());
          return;
        }
      }
    }
  }

  /** Applies the next batch; returns false when there was nothing to apply. */
  boolean applyNext() throws IOException, SQLException {
    List<LogRecord> records = source.read(applied, maxBatchRecords, 64L << 20);
    if (records.isEmpty()) {
      if (source.pending()) {
        recordPositionsOnly();
      }
      return false;
    }
    long from = records.get(0).position();
    long to = records.get(records.size() - 1).next();
    List<EventRow> rows = new ArrayList<>(records.size());
    Map<String, Title> newTitles = new HashMap<>();
    try {
      for (LogRecord r : records) {
        EventRow row = EventRow.parse(json.getFactory(), r.position(), r.payload());
        rows.add(row);
        if (row.assetId != null && !knownTitles.contains(row.assetId)) {
          Title t = row.title();
          if (t != null) {
            newTitles.putIfAbsent(t.assetId(), t);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      source.rolledBack(); // the retry reads the same records again
      throw e;
    }
    store.writeLock().lock();
    DuckDBConnection c = store.writer();
    try (Statement tx = c.createStatement()) {
      // One transaction per batch: the appender otherwise commits every 2048 rows (3x slower), and
      // events, titles, views and the applied position become visible together.
      tx.execute("BEGIN TRANSACTION");
      boolean committed = false;
      try {
        try (DuckDBAppender a = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "events")) {
          for (EventRow row : rows) {
            row.append(a);
          }
        }
        store.addFromEvents(newTitles.values());
        ProjectionBatch batch = new ProjectionBatch(c, List.copyOf(rows), from, to);
        for (Projection p : projections) {
          p.apply(batch);
        }
        store.setApplied(to);
        source.record(c);
        tx.execute("COMMIT");
        committed = true;
        knownTitles.addAll(newTitles.keySet());
        source.committed(to);
      } finally {
        if (!committed) {
          source.rolledBack();
          tx.execute("ROLLBACK");
          for (Projection p : projections) {
            p.rolledBack();
          }
        }
      }
    } finally {
      store.writeLock().unlock();
    }
    appliedEvents.add(rows.size());
    applied = to;
    pruneLog();
    announcePlayback(rows);
    clearError();
    synchronized (monitor) {
      published = to;
      monitor.notifyAll();
    }
    return true;
  }

  /**
   * Commits the source's own positions of a read that returned no record (every one a duplicate), so
   * that a restart does not consume them again; the local position and the rows stay as they are.
   */
  private void recordPositionsOnly() throws SQLException {
    store.writeLock().lock();
    try (Statement tx = store.writer().createStatement()) {
      tx.execute("BEGIN TRANSACTION");
      boolean committed = false;
      try {
        source.record(store.writer());
        tx.execute("COMMIT");
        committed = true;
        source.committed(applied);
      } finally {
        if (!committed) {
          source.rolledBack();
          tx.execute("ROLLBACK");
        }
      }
    } finally {
      store.writeLock().unlock();
    }
  }

  /**
   * Once a minute: deletes log segments that are in the store and older than the log retention, and
   * raw events received longer ago than the event retention (views and titles are kept).
   */
  private void pruneLog() throws IOException, SQLException {
    long now = System.currentTimeMillis();
    if (now - lastRetentionCheck < 60_000) {
      return;
    }
    lastRetentionCheck = now;
    if (eventRetention != null) {
      store.writeLock().lock();
      try (PreparedStatement p = store.writer().prepareStatement("DELETE FROM events WHERE received_at < ?")) {
        p.setTimestamp(1, java.sql.Timestamp.valueOf(java.time.LocalDateTime.ofInstant(
            java.time.Instant.ofEpochMilli(now).minus(eventRetention), ZoneOffset.UTC)));
        int pruned = p.executeUpdate();
        if (pruned > 0) {
          LOG.info("store: pruned {} raw events older than the retention of {}", pruned, eventRetention);
        }
      } finally {
        store.writeLock().unlock();
      }
    }
    if (logRetention == null) {
      return;
    }
    int deleted = source.deleteApplied(applied, java.time.Instant.ofEpochMilli(now).minus(logRetention));
    if (deleted > 0) {
      LOG.info("event log: deleted {} segments applied to the store and older than {}", deleted, logRetention);
    }
  }

  /** The log position up to which the store is current. */
  public long appliedPosition() {
    return applied;
  }

  public long appliedEvents() {
    return appliedEvents.sum();
  }

  /** The projections this loader keeps current, in the order it applies them. */
  public List<Projection> projections() {
    return projections;
  }

  /**
   * Sessions whose state had to be read back from the store (not in memory): from their {@code
   * view_sessions} row, or from their events when an event came later than its window allows.
   */
  public long sessionLoads() {
    long n = 0;
    for (Projection p : projections) {
      if (p instanceof ViewsProjection v) {
        n += v.stateLoads() + v.eventScans();
      }
    }
    return n;
  }

  public long failures() {
    return failures.sum();
  }

  /** Waits until everything durable in the log at call time is applied to the store. */
  public void awaitCaughtUp(Duration timeout) throws InterruptedException, TimeoutException {
    source.awaitCaughtUp(timeout, this::awaitApplied);
  }

  /** Records of the source not yet in the store, per part of it (per Kafka partition); empty for the log. */
  public Map<String, Long> sourceLag() {
    return source.lag();
  }

  /** Waits until the store has applied the log up to {@code position}. */
  public void awaitApplied(long position, Duration timeout) throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (monitor) {
      while (published < position) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new TimeoutException("store is at log position " + published + ", waited for " + position);
        }
        monitor.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  /**
   * Stops following the log after the batch in progress, whatever the backlog: the log is durable and
   * the next start resumes from the last applied position.
   */
  @Override
  public void close() {
    running = false;
    synchronized (monitor) {
      monitor.notifyAll();
    }
    if (thread != null) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
