package io.marquee.store;

import io.marquee.log.EventLog;
import io.marquee.log.LogRecord;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.function.LongConsumer;
import org.duckdb.DuckDBConnection;

/** The node's own event log as the loader's {@link RecordSource}: its positions are the log's byte positions. */
public final class LogSource implements RecordSource {
  private final EventLog log;

  public LogSource(EventLog log) {
    this.log = log;
  }

  /**
   * The store's own position, past any hole {@code log repair} left there. A store ahead of the log's
   * end is an error, never ignored: it would skip every new event.
   */
  @Override
  public long resumePosition(DuckDBConnection c, long stored) throws IOException, java.sql.SQLException {
    long end = log.durablePosition();
    if (stored > end && fedFromATopic(c)) {
      throw new IOException("this store is fed from a Kafka topic (it has kafka_positions), not from the data dir's"
          + " event log: open it with store.source=kafka (serve --source kafka --kafka HOST:PORT, or a --config file"
          + " that sets it); nothing was changed");
    }
    if (stored > end) {
      throw new IOException("the store has applied the event log up to position " + stored
          + " but the log ends at position " + end + ": records the store holds are missing from the log"
          + " (a log restored from an older backup, or cut by hand); nothing was changed. Restore the"
          + " matching log, or move the store directory aside to rebuild it from the log");
    }
    return log.resumePosition(Math.max(stored, log.startPosition()));
  }

  /** True when the store holds the Kafka positions of a node fed from the events topic. */
  public static boolean fedFromATopic(java.sql.Connection c) throws java.sql.SQLException {
    try (java.sql.Statement s = c.createStatement();
        java.sql.ResultSet r = s.executeQuery("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'kafka_positions'")) {
      return r.next() && r.getLong(1) > 0;
    }
  }

  @Override
  public List<LogRecord> read(long from, int maxRecords, long maxBytes) throws IOException {
    return log.read(from, maxRecords, maxBytes);
  }

  @Override
  public long durablePosition() {
    return log.durablePosition();
  }

  @Override
  public void onDurable(LongConsumer listener) {
    log.onDurable(listener);
  }

  @Override
  public int deleteApplied(long applied, Instant before) throws IOException {
    return log.deleteSegments(applied, before);
  }
}
