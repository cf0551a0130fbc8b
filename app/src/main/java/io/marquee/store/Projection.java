package io.marquee.store;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

/**
 * A set of tables derived from the events, kept current by the {@link StoreLoader} inside each
 * batch's transaction: how a capability (views, consent, profiles; insights and audiences next) adds
 * what it needs without touching the loader.
 *
 * <p>The loader creates a projection's tables at start ({@link #schema}) and records its {@link
 * #version} in {@code marquee_meta}; when the recorded version differs (a new projection, or its
 * tables changed), it {@link #rebuild rebuilds} them from the {@code events} table, in one
 * transaction, before applying the log. It rebuilds from {@code events}, never from the log, because
 * log segments are deleted after {@code log.retention-hours}.
 */
public interface Projection {
  /** A short name, unique among the loader's projections (recorded as {@code projection.NAME}). */
  String name();

  /** The version of this projection's tables and rules; raising it makes the next start rebuild them. */
  int version();

  /** Statements creating this projection's own tables; each must be idempotent ({@code IF NOT EXISTS}). */
  List<String> schema();

  /** Applies a batch of events; runs inside the loader's transaction, which it must not end. */
  void apply(ProjectionBatch batch) throws SQLException, IOException;

  /** Recomputes this projection's tables from the {@code events} table; runs inside a transaction. */
  void rebuild(Connection c) throws SQLException, IOException;

  /** Deletes every row naming any of the ids (erasure); runs inside the store's erasure transaction. */
  void erase(Connection c, Collection<String> ids) throws SQLException;

  /**
   * Tells the projection that the batch it last applied was rolled back (a later step failed), so
   * that state it keeps in memory goes back to what the store holds.
   */
  default void rolledBack() {}

  /**
   * Removes rows made from log positions at or past {@code position} (a batch a crash interrupted),
   * before the loader replays from there. Projections that recompute their rows idempotently need
   * nothing here.
   */
  default void discardFrom(Connection c, long position) throws SQLException {}
}
