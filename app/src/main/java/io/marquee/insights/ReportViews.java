package io.marquee.insights;

import io.marquee.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code views} rows as the reports read them: a compact copy, {@code report_views}, ordered
 * by asset and start time with the viewer ({@code coalesce(user_id, anonymous_id)}) as a column,
 * so that one title's rows sit in one or two of DuckDB's row groups and the min/max zone maps skip
 * the rest ({@code views} itself is in the order the loader rewrites sessions, which spreads every
 * title over the whole table), plus what changed since the copy was made, read from {@code views}.
 *
 * <p>{@link #from} is the SQL the reports select from: the copy without the sessions the loader
 * has rewritten since ({@code views.written_pos} at or past the store's applied position when the
 * copy was made), and those sessions' current rows from {@code views}. So the figures are always
 * exactly the store's, and the copy only makes them fast. It is remade in one transaction every
 * {@code insights.refresh-seconds} (default 30) when the store changed, which keeps the changed
 * part small. Before the first copy of this process, {@link #from} is {@code views} itself.
 *
 * <p>Erasure: {@link #erase} deletes a user's rows from the copy inside the store's erasure
 * transaction, and a rebuild holds the same lock for its whole transaction, so a copy made from a
 * snapshot taken before the erasure can never bring the rows back.
 */
final class ReportViews implements AutoCloseable {
  static final String TABLE = "report_views";
  private static final Logger LOG = LoggerFactory.getLogger(ReportViews.class);
  private static final String COLUMNS = "view_id, session_id, user_id, anonymous_id, asset_id, media_type, "
      + "started_at, ended_at, watch_seconds, max_position, total_length, completed, runtime_s, coverage, intro, "
      + "closed, heartbeat_s";
  private static final String FROM_VIEWS = "SELECT " + COLUMNS + ", coalesce(user_id, anonymous_id) AS viewer "
      + "FROM views";

  /** One copy: the applied position and the time of the snapshot it was made from. */
  private record Copy(long position, Instant at) {}

  private final ReentrantLock lock = new ReentrantLock();
  private final Clock clock;
  private volatile Copy copy;
  private ScheduledExecutorService timer;

  ReportViews(Clock clock) {
    this.clock = clock;
  }

  /** The statement creating an empty {@code report_views} (the loader runs it with the projection's schema). */
  static String schema() {
    return "CREATE TABLE IF NOT EXISTS " + TABLE + " AS " + FROM_VIEWS + " LIMIT 0";
  }

  /**
   * A parenthesised {@code SELECT} of every view with the columns of {@code views} and {@code
   * viewer}, for {@code FROM ... v}: the copy and what changed since (positions as literals, so
   * the zone maps of {@code written_pos} prune the read of {@code views}).
   */
  String from() {
    Copy c = copy;
    if (c == null) {
      return "(" + FROM_VIEWS + ")";
    }
    return "(SELECT " + COLUMNS + ", viewer FROM " + TABLE + " WHERE session_id NOT IN (SELECT session_id FROM "
        + "views WHERE written_pos >= " + c.position() + ") UNION ALL " + FROM_VIEWS + " WHERE written_pos >= "
        + c.position() + ")";
  }

  /** The time of the store snapshot the copy was made from, or null before the first. */
  Instant copiedAt() {
    Copy c = copy;
    return c == null ? null : c.at();
  }

  /**
   * Starts the periodic rebuild on a daemon thread (once; later calls do nothing), the first one
   * now. {@code appliedPosition} tells whether the store changed since the last rebuild.
   */
  synchronized void start(Store store, Duration every, java.util.function.LongSupplier appliedPosition) {
    if (timer != null) {
      return;
    }
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "insights-report-views");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(() -> {
      try {
        Copy c = copy;
        if (c == null || appliedPosition.getAsLong() != c.position()) {
          rebuild(store);
        }
      } catch (RuntimeException | SQLException e) {
        LOG.warn("insights: cannot rebuild {}: {} (the reports read the previous copy and views)", TABLE,
            e.getMessage());
      }
    }, 0, Math.max(1, every.toMillis()), TimeUnit.MILLISECONDS);
  }

  /** Remakes the copy from {@code views} in one transaction. */
  void rebuild(Store store) throws SQLException {
    lock.lock();
    try (Connection c = store.readConnection(); Statement s = c.createStatement()) {
      Instant at = clock.instant();
      long start = System.nanoTime();
      long position;
      s.execute("BEGIN TRANSACTION");
      try {
        try (ResultSet r = s.executeQuery("SELECT value FROM marquee_meta WHERE key = 'applied_position'")) {
          position = r.next() ? Long.parseLong(r.getString(1)) : 0L;
        }
        s.execute("CREATE OR REPLACE TABLE " + TABLE + " AS " + FROM_VIEWS + " ORDER BY asset_id, started_at");
        s.execute("COMMIT");
      } catch (SQLException | RuntimeException e) {
        s.execute("ROLLBACK");
        throw e;
      }
      copy = new Copy(position, at);
      LOG.debug("insights: {} rebuilt in {} ms", TABLE, (System.nanoTime() - start) / 1_000_000);
    } finally {
      lock.unlock();
    }
  }

  /** Deletes the rows naming any of the ids; runs in the store's erasure transaction. */
  void erase(Connection c, Collection<String> ids) throws SQLException {
    lock.lock();
    try (PreparedStatement p = c.prepareStatement("DELETE FROM " + TABLE + " WHERE user_id = ? OR anonymous_id = ?")) {
      for (String id : ids) {
        p.setString(1, id);
        p.setString(2, id);
        p.executeUpdate();
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public synchronized void close() {
    if (timer != null) {
      timer.shutdownNow();
      try {
        timer.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      timer = null;
    }
  }
}
