package io.marquee.store;

import io.marquee.core.Catalog;
import io.marquee.core.Title;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The embedded columnar store: one DuckDB database file in the data dir holding {@code events},
 * {@code titles} and {@code views}. It is derived from the event log; {@code marquee_meta} records the
 * log position applied so far.
 *
 * <p>Writes are serialized by {@link #writeLock()} so that the loader and catalog imports never
 * conflict; readers use their own connections ({@link #readConnection()}).
 */
public final class Store implements Closeable, Catalog {
  private volatile java.util.List<Projection> projections = java.util.List.of();
  private final DuckDBConnection root;
  private final DuckDBConnection writer;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final boolean readOnly;

  private Store(DuckDBConnection root, boolean readOnly) throws SQLException {
    this.root = root;
    this.readOnly = readOnly;
    this.writer = readOnly ? null : (DuckDBConnection) root.duplicate();
  }

  /** Opens (creating if needed) the store under {@code dir}. */
  public static Store open(Path dir) throws IOException {
    Files.createDirectories(dir);
    try {
      DuckDBConnection c = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file(dir));
      try {
        Schema.create(c);
      } catch (SQLException e) {
        c.close();
        throw e;
      }
      return new Store(c, false);
    } catch (SQLException e) {
      throw new IOException("cannot open the store in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Opens the store read-only: any statement that writes fails. */
  public static Store openReadOnly(Path dir) throws IOException {
    Properties p = new Properties();
    p.setProperty("duckdb.read_only", "true");
    try {
      DuckDBConnection c = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file(dir), p);
      try {
        Schema.check(c);
      } catch (SQLException e) {
        c.close();
        throw e;
      }
      return new Store(c, true);
    } catch (SQLException e) {
      throw new IOException("cannot open the store in " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Opens the store for untrusted queries (the {@code sql} command): read-only, and with DuckDB's
   * reach limited to this one database. External access is disabled (no {@code COPY ... TO}, {@code
   * read_text}/{@code read_csv} of files, {@code EXPORT DATABASE}, {@code ATTACH}), extensions are
   * neither installed nor auto-loaded, and the configuration is locked so no {@code SET} undoes any
   * of it. The extensions the store's columns and usual queries need (json, parquet, icu) are loaded
   * first, where built in.
   */
  public static Store openForQueries(Path dir) throws IOException {
    Store store = openReadOnly(dir);
    try {
      store.lockDown(null);
    } catch (IOException e) {
      store.close();
      throw e;
    }
    return store;
  }

  /**
   * Locks this open store down for untrusted queries as {@link #openForQueries} does, while it
   * stays writable for the node: DuckDB's settings are per database, so from now on nothing in this
   * process reads or writes files through DuckDB, loads extensions or changes a setting. Called
   * once by a server that answers SQL ({@code POST /v1/sql}); each query then runs in its own
   * read-only transaction. {@code memoryLimit} (DuckDB syntax, e.g. {@code 2GB}; null: DuckDB's
   * default) bounds the one buffer pool that the node's loader and the queries share.
   */
  public synchronized void lockDown(String memoryLimit) throws IOException {
    if (lockedDown) {
      return; // a second server on the same node: the database is locked already, settings included
    }
    try (Statement s = root.createStatement()) {
      for (String extension : QUERY_EXTENSIONS) {
        try {
          s.execute("LOAD " + extension);
        } catch (SQLException e) {
          // not built into this DuckDB; queries needing it then fail with DuckDB's own message
        }
      }
      if (memoryLimit != null) {
        if (!memoryLimit.matches("[0-9]+(\\.[0-9]+)?\\s*[KMGT]?i?B")) {
          throw new IllegalArgumentException("not a memory size: " + memoryLimit + " (e.g. 2GB, 512MB)");
        }
        s.execute("SET memory_limit = '" + memoryLimit + "'");
      }
      s.execute("SET autoinstall_known_extensions = false");
      s.execute("SET autoload_known_extensions = false");
      s.execute("SET enable_external_access = false");
      s.execute("SET lock_configuration = true");
      lockedDown = true;
    } catch (SQLException e) {
      throw new IOException("cannot lock the store down for queries: " + e.getMessage(), e);
    }
  }

  private boolean lockedDown;

  /** Extensions loaded before a query connection is locked. */
  private static final java.util.List<String> QUERY_EXTENSIONS = java.util.List.of("json", "parquet", "icu");

  static Path file(Path dir) {
    return dir.resolve("marquee.duckdb");
  }

  /** A new connection for reading; the caller closes it. */
  public Connection readConnection() throws SQLException {
    return root.duplicate();
  }

  ReentrantLock writeLock() {
    return writeLock;
  }

  DuckDBConnection writer() {
    return writer;
  }

  /** The log position up to which every record has been applied. */
  public long appliedPosition() throws SQLException {
    try (Statement s = root.createStatement();
        ResultSet r = s.executeQuery("SELECT value FROM marquee_meta WHERE key = 'applied_position'")) {
      return r.next() ? Long.parseLong(r.getString(1)) : 0L;
    }
  }

  @Override
  public void upsert(Collection<Title> titles) {
    if (titles.isEmpty()) {
      return;
    }
    writeLock.lock();
    try {
      merge(titles, "catalog", """
          DO UPDATE SET title = excluded.title, kind = excluded.kind,
            series = excluded.series, season = excluded.season, episode = excluded.episode,
            genres = excluded.genres, maturity_rating = excluded.maturity_rating,
            runtime_s = excluded.runtime_s, media_type = excluded.media_type,
            release_year = excluded.release_year, series_id = excluded.series_id,
            artist = excluded.artist, source = 'catalog', updated_at = excluded.updated_at""");
    } catch (SQLException e) {
      throw new StoreException("cannot write titles: " + e.getMessage(), e);
    } finally {
      writeLock.unlock();
    }
  }

  /** Inserts titles first seen in events; a title already known keeps what it has. */
  void addFromEvents(Collection<Title> titles) throws SQLException {
    if (!titles.isEmpty()) {
      merge(titles, "events", "DO NOTHING");
    }
  }

  /** Stages titles with the appender, then inserts them, resolving a known asset id by {@code onConflict}. */
  private void merge(Collection<Title> titles, String source, String onConflict) throws SQLException {
    stage(titles);
    try (Statement s = writer.createStatement()) {
      s.execute("""
          INSERT INTO titles (asset_id, title, kind, series, season, episode, genres, maturity_rating,
            runtime_s, media_type, release_year, source, updated_at, series_id, artist)
          SELECT asset_id, title, kind, series, season, episode,
            CASE WHEN genres IS NULL OR genres = '' THEN []::VARCHAR[] ELSE string_split(genres, '|') END,
            maturity_rating, runtime_s, media_type, release_year, '%s', now()::TIMESTAMP, series_id, artist
          FROM (SELECT * FROM titles_staging QUALIFY row_number() OVER (PARTITION BY asset_id) = 1)
          ON CONFLICT (asset_id) %s""".formatted(source, onConflict));
      s.execute("DELETE FROM titles_staging");
    }
  }

  private void stage(Collection<Title> titles) throws SQLException {
    try (DuckDBAppender a = writer.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "titles_staging")) {
      for (Title t : titles) {
        a.beginRow();
        a.append(t.assetId());
        Appenders.appendNullable(a, t.title());
        Appenders.appendNullable(a, t.kind());
        Appenders.appendNullable(a, t.series());
        Appenders.appendNullable(a, t.season());
        Appenders.appendNullable(a, t.episode());
        a.append(String.join("|", t.genres()));
        Appenders.appendNullable(a, t.maturityRating());
        Appenders.appendNullable(a, t.runtimeSeconds());
        Appenders.appendNullable(a, t.mediaType());
        Appenders.appendNullable(a, t.releaseYear());
        Appenders.appendNullable(a, t.seriesId());
        Appenders.appendNullable(a, t.artist());
        a.endRow();
      }
    }
  }

  /** The catalog's title with this asset id, if any. */
  public Optional<Title> title(String assetId) {
    try (Connection c = readConnection(); PreparedStatement p = c.prepareStatement("""
        SELECT asset_id, title, kind, series, season, episode, genres, maturity_rating, runtime_s,
          media_type, release_year, series_id, artist FROM titles WHERE asset_id = ?""")) {
      p.setString(1, assetId);
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        List<String> genres = new ArrayList<>();
        Array array = r.getArray(7);
        if (array != null) {
          for (Object g : (Object[]) array.getArray()) {
            genres.add(String.valueOf(g));
          }
        }
        return Optional.of(new Title(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
            (Integer) r.getObject(5), (Integer) r.getObject(6), genres, r.getString(8),
            (Integer) r.getObject(9), r.getString(10), (Integer) r.getObject(11), r.getString(12),
            r.getString(13)));
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read title " + assetId + ": " + e.getMessage(), e);
    }
  }

  @Override
  public long size() {
    return count("titles");
  }

  /** Row count of a store table. */
  public long count(String table) {
    if (!table.matches("[a-z_]+")) {
      throw new IllegalArgumentException("not a table name: " + table);
    }
    try (Connection c = readConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
      r.next();
      return r.getLong(1);
    } catch (SQLException e) {
      throw new StoreException("cannot count " + table + ": " + e.getMessage(), e);
    }
  }

  /**
   * Deletes every row naming any of the ids from the events and partner attributes, and from every
   * projection's tables (views, consent, profiles, ...); returns the event and attribute rows removed.
   * The caller has made sure no event for them is still on its way (suppressed, log applied).
   */
  public long erase(java.util.Collection<String> ids) {
    if (projections.isEmpty()) {
      throw new IllegalStateException("no loader attached to the store: its projections would keep the ids");
    }
    writeLock.lock();
    try (Statement s = writer.createStatement()) {
      s.execute("BEGIN TRANSACTION");
      long removed = 0;
      try {
        for (String sql : new String[] {
            "DELETE FROM events WHERE user_id = ? OR anonymous_id = ? OR previous_id = ?",
            "DELETE FROM partner_attributes WHERE user_id = ?"}) {
          // session_staging needs nothing here: the views projection empties it within each batch
          int n = (int) sql.chars().filter(ch -> ch == '?').count();
          try (PreparedStatement p = writer.prepareStatement(sql)) {
            for (String id : ids) {
              for (int i = 1; i <= n; i++) {
                p.setString(i, id);
              }
              removed += p.executeUpdate();
            }
          }
        }
        for (Projection p : projections) {
          p.erase(writer, ids);
        }
        s.execute("COMMIT");
      } catch (SQLException e) {
        s.execute("ROLLBACK");
        throw e;
      }
      s.execute("CHECKPOINT");
      return removed;
    } catch (SQLException e) {
      throw new StoreException("cannot erase: " + e.getMessage(), e);
    } finally {
      writeLock.unlock();
    }
  }

  /** Attaches the loader's projections, which {@link #erase} erases from too. */
  void project(java.util.List<Projection> attached) {
    this.projections = java.util.List.copyOf(attached);
  }

  /** Runs {@code work} on the writer connection under the write lock, in one transaction. */
  public <T> T write(SqlWork<T> work) {
    writeLock.lock();
    try (Statement s = writer.createStatement()) {
      s.execute("BEGIN TRANSACTION");
      try {
        T out = work.run(writer);
        s.execute("COMMIT");
        return out;
      } catch (SQLException | RuntimeException e) {
        s.execute("ROLLBACK");
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("store write failed: " + e.getMessage(), e);
    } finally {
      writeLock.unlock();
    }
  }

  /** Work on a connection that may throw SQLException. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }

  void setApplied(long position) throws SQLException {
    try (PreparedStatement p = writer.prepareStatement(
        "INSERT INTO marquee_meta VALUES ('applied_position', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
      p.setString(1, Long.toString(position));
      p.execute();
    }
  }

  public boolean isReadOnly() {
    return readOnly;
  }

  @Override
  public void close() throws IOException {
    try {
      if (writer != null) {
        writer.close();
      }
      if (!readOnly) {
        try (Statement s = root.createStatement()) {
          s.execute("CHECKPOINT");
        }
      }
      root.close();
    } catch (SQLException e) {
      throw new IOException("cannot close the store: " + e.getMessage(), e);
    }
  }
}
