package io.marquee.store;

import java.util.List;
import org.duckdb.DuckDBConnection;

/**
 * One loader batch as a {@link Projection} sees it: the store's writer connection (in the batch's
 * open transaction), the events in log order, and the log positions they span.
 *
 * @param from the log position of the first event
 * @param to the log position just past the last event
 */
public record ProjectionBatch(DuckDBConnection connection, List<LoggedEvent> events, long from, long to) {
  public ProjectionBatch {
    events = List.copyOf(events);
  }
}
