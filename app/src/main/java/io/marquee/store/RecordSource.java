package io.marquee.store;

import io.marquee.log.LogRecord;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;
import org.duckdb.DuckDBConnection;

/**
 * Where the {@link StoreLoader} reads events from: the node's own event log ({@link LogSource}), or
 * a Kafka topic ({@code io.marquee.kafka.source.KafkaSource}).
 *
 * <p>Positions are the node's local ones: monotonic, kept by each row as {@code log_pos} and by the
 * store as its applied position, which is all the projections see. A source with positions of its
 * own (Kafka offsets) writes them in {@link #record}, inside the loader's batch transaction, so that
 * they and the rows commit together.
 *
 * <p>The loader calls {@link #read}, {@link #record}, {@link #committed} and {@link #rolledBack} from
 * its one thread; the other methods may be called from any thread.
 */
public interface RecordSource {

  /**
   * Checks the store's applied position against the source and returns the position to resume from;
   * called once, before the first read, under the store's write lock.
   *
   * @param c the store's writer connection, where a source keeps positions of its own
   * @throws IOException when the store holds records the source cannot account for
   */
  long resumePosition(DuckDBConnection c, long stored) throws IOException, SQLException;

  /**
   * The next records from local position {@code from}, at most {@code maxRecords} and about {@code
   * maxBytes}; empty when there is nothing new (a source may block a little while waiting).
   */
  List<LogRecord> read(long from, int maxRecords, long maxBytes) throws IOException;

  /** The local position up to which records are available: the loader waits while it is there. */
  long durablePosition();

  /** Tells {@code listener} when new records may be available. */
  void onDurable(LongConsumer listener);

  /**
   * True when the last {@link #read} consumed something the store must remember although it returned
   * no record (Kafka offsets of duplicates only): the loader then commits a batch without rows.
   */
  default boolean pending() {
    return false;
  }

  /** Writes the source's own positions for what the last read returned, in the batch's transaction. */
  default void record(DuckDBConnection c) throws SQLException {
  }

  /** The batch of the last read is committed, up to local position {@code to}. */
  default void committed(long to) {
  }

  /** The batch of the last read was rolled back: the next read must return the same records again. */
  default void rolledBack() {
  }

  /**
   * Deletes what the store has applied up to {@code applied} and was written before {@code before}
   * (log segments past their retention); returns how many pieces went.
   */
  default int deleteApplied(long applied, Instant before) throws IOException {
    return 0;
  }

  /**
   * Waits until the store holds everything the source had when called. {@code applied} waits until
   * the loader has published a local position.
   */
  default void awaitCaughtUp(Duration timeout, AppliedWait applied) throws InterruptedException, TimeoutException {
    applied.await(durablePosition(), timeout);
  }

  /** Records not yet in the store per part of the source (per Kafka partition), or empty. */
  default Map<String, Long> lag() {
    return Map.of();
  }

  /** A wait for the loader to publish a local position. */
  @FunctionalInterface
  interface AppliedWait {
    void await(long position, Duration timeout) throws InterruptedException, TimeoutException;
  }
}
