package io.marquee.query;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one SQL query over the store in a read-only transaction of its own, cancelling it at the
 * time limit and keeping at most a number of rows. The connections it is given come from a store
 * that {@code Store.lockDown} (or {@code Store.openForQueries}) has locked: what DuckDB refuses
 * there becomes a {@link QueryRefusedException} with a stable code.
 */
public final class QueryRunner {
  /** Where the connections come from ({@code store::readConnection}). */
  @FunctionalInterface
  public interface Connections {
    Connection open() throws SQLException;
  }

  /** Receives the answer as it is read. */
  public interface Rows {
    void columns(List<String> labels);

    void row(List<Object> values);
  }

  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "sql-timer");
    t.setDaemon(true);
    return t;
  });

  private final Connections connections;
  private final long timeoutMillis;
  private final long maxRows;

  /** {@code timeoutMillis} 0: no time limit; {@code maxRows} is the most rows kept. */
  public QueryRunner(Connections connections, long timeoutMillis, long maxRows) {
    if (timeoutMillis < 0 || maxRows < 1) {
      throw new IllegalArgumentException("a query needs a time limit of 0 or more and a row limit of 1 or more");
    }
    this.connections = connections;
    this.timeoutMillis = timeoutMillis;
    this.maxRows = maxRows;
  }

  /** Runs the query and keeps its rows in memory (at most the row limit). */
  public QueryResult run(String sql) {
    List<String> columns = new ArrayList<>();
    List<List<Object>> rows = new ArrayList<>();
    boolean truncated = run(sql, new Rows() {
      @Override
      public void columns(List<String> labels) {
        columns.addAll(labels);
      }

      @Override
      public void row(List<Object> values) {
        rows.add(values);
      }
    });
    return new QueryResult(columns, rows, truncated);
  }

  /** Runs the query, handing each row to {@code sink}; true when rows past the limit were left out. */
  public boolean run(String sql, Rows sink) {
    if (sql == null || sql.isBlank()) {
      throw new QueryRefusedException("empty", "no SQL query was sent", null);
    }
    AtomicBoolean timedOut = new AtomicBoolean();
    try (Connection c = connections.open()) {
      try (Statement begin = c.createStatement()) {
        begin.execute("BEGIN TRANSACTION READ ONLY");
      }
      try (Statement s = c.createStatement()) {
        ScheduledFuture<?> cancel = timeoutMillis == 0 ? null : TIMER.schedule(() -> {
          timedOut.set(true);
          try {
            s.cancel();
          } catch (SQLException e) {
            // the statement has finished or closed meanwhile: nothing left to cancel
          }
        }, timeoutMillis, TimeUnit.MILLISECONDS);
        try {
          if (!s.execute(sql)) {
            throw new QueryRefusedException("no_result", "the statement returned no rows; only queries are answered", null);
          }
          try (ResultSet r = s.getResultSet()) {
            return read(r, sink);
          }
        } finally {
          if (cancel != null) {
            cancel.cancel(false);
          }
        }
      }
    } catch (SQLException e) {
      if (timedOut.get()) {
        throw new QueryRefusedException("timeout", "the query ran past the time limit of " + timeoutMillis
            + " ms and was cancelled", e);
      }
      throw refusal(e);
    }
  }

  private boolean read(ResultSet r, Rows sink) throws SQLException {
    ResultSetMetaData md = r.getMetaData();
    int n = md.getColumnCount();
    List<String> labels = new ArrayList<>(n);
    for (int i = 1; i <= n; i++) {
      labels.add(md.getColumnLabel(i));
    }
    sink.columns(labels);
    long kept = 0;
    while (r.next()) {
      if (kept == maxRows) {
        return true;
      }
      List<Object> row = new ArrayList<>(n);
      for (int i = 1; i <= n; i++) {
        row.add(value(r, i));
      }
      sink.row(row);
      kept++;
    }
    return false;
  }

  /** Numbers and booleans as themselves (non-finite doubles as text), everything else as DuckDB's text. */
  private static Object value(ResultSet r, int i) throws SQLException {
    Object v = r.getObject(i);
    if (v == null || v instanceof Boolean || v instanceof Long || v instanceof Integer || v instanceof Short
        || v instanceof Byte || v instanceof BigInteger || v instanceof BigDecimal) {
      return v;
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      return Double.isFinite(d) ? v : r.getString(i);
    }
    return r.getString(i);
  }

  /** What DuckDB's refusal means for the caller, with its first line. */
  static QueryRefusedException refusal(SQLException e) {
    String msg = firstLine(e.getMessage());
    String all = e.getMessage() == null ? "" : e.getMessage();
    if (all.contains("disabled by configuration") || all.contains("configuration has been locked")
        || all.contains("Permission Error")) {
      return new QueryRefusedException("out_of_reach", "only queries over the store are allowed: files, other "
          + "databases, extensions and settings are out of reach (" + msg + ")", e);
    }
    if (all.contains("read-only")) {
      return new QueryRefusedException("read_only", "the store is read-only here; statements that write are "
          + "refused (" + msg + ")", e);
    }
    return new QueryRefusedException("sql_error", msg, e);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unknown error";
    }
    String t = s.replace("Invalid Input Error: Attempting to execute an unsuccessful or closed pending query result\n", "");
    t = t.startsWith("Error: ") ? t.substring("Error: ".length()) : t;
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl);
  }
}
