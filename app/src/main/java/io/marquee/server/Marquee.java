package io.marquee.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.collect.Collector;
import io.marquee.collect.LogSink;
import io.marquee.collect.MessageIdIndex;
import io.marquee.collect.WriteKeys;
import io.marquee.config.DataDirLock;
import io.marquee.config.Settings;
import io.marquee.core.EventSink;
import io.marquee.log.EventLog;
import io.marquee.log.LogSettings;
import io.marquee.access.ApiKeys;
import io.marquee.access.Authorization;
import io.marquee.capability.Services;
import io.marquee.capability.Sinks;
import io.marquee.audit.AuditLog;
import io.marquee.privacy.ConsentRegistry;
import io.marquee.privacy.PrivacyGuard;
import io.marquee.privacy.Suppressions;
import io.marquee.vault.KeyVault;
import io.marquee.vault.MasterKey;
import io.marquee.store.Store;
import io.marquee.store.StoreLoader;
import io.marquee.kafka.source.KafkaSource;
import io.marquee.kafka.source.KafkaSourceSettings;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Marquee node on a data dir: the lock, the event log, the store and its loader, and the
 * collector in front of them. Opening it recovers: a torn log tail is cut (corruption followed by
 * valid records, or a store ahead of the log, stops the open instead), the log is replayed into the
 * store, and the deduplication window is rebuilt, all before anything is accepted. An open that
 * fails part-way closes whatever it had opened.
 *
 * <p>What it opened is offered to the capabilities as {@link #services()}, looked up by type.
 *
 * <p>Data dir layout: {@code marquee.lock}, {@code write-keys}, {@code log/} (segments),
 * {@code store/marquee.duckdb}.
 */
public final class Marquee implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(Marquee.class);

  /** Fingerprints of remembered messageIds, written at a clean shutdown, read back at the next start. */
  static final String DEDUP_SNAPSHOT = "dedup.snapshot";
  private final Path dataDir;
  private final Settings settings;
  private final ObjectMapper json = new ObjectMapper();
  private final DataDirLock lock;
  private final MessageIdIndex index;
  private final EventLog log;
  private final Store store;
  private final StoreLoader loader;
  /** The events topic this node's store is fed from, or null when it is fed from its own log. */
  private final KafkaSource topic;
  /** The consuming node's own producer to that topic (its collector's sink), or null. */
  private final io.marquee.kafka.KafkaSink topicSink;
  private final Collector collector;
  private final WriteKeys writeKeys;
  private final KeyVault vault;
  private final Suppressions suppressions;
  private final AuditLog audit;
  private final ApiKeys apiKeys;
  private ConsentRegistry consent;
  private final Services services;
  private boolean closed;

  private Marquee(Path dataDir, Settings settings, String purpose, MasterKey master) throws IOException {
    this.dataDir = dataDir;
    this.settings = settings;
    this.lock = DataDirLock.acquire(dataDir, purpose);
    java.util.Deque<Closeable> opened = new java.util.ArrayDeque<>();
    opened.push(lock);
    try {
      this.vault = master == null ? null : KeyVault.open(dataDir, master);
      if (vault != null) {
        opened.push(vault);
      }
      this.suppressions = Suppressions.open(dataDir);
      this.audit = AuditLog.open(dataDir);
      opened.push(audit);
      this.apiKeys = ApiKeys.open(dataDir, audit);
      long windowMillis = Duration.ofHours(settings.longValue("dedup.window-hours")).toMillis();
      this.index = new MessageIdIndex(settings.intValue("dedup.max-entries"), windowMillis,
          System::currentTimeMillis);
      this.log = EventLog.open(dataDir.resolve("log"), new LogSettings(
          settings.longValue("log.segment-bytes"), settings.longValue("log.max-queued-bytes"),
          LogSettings.defaults().maxRecordBytes(), settings.bool("log.fsync")), index);
      opened.push(log);
      this.store = Store.open(dataDir.resolve("store"));
      opened.push(store);
      this.topic = openTopic(settings, index, windowMillis, suppressions);
      if (topic != null) {
        opened.push(topic);
      }
      this.loader = topic == null
          ? new StoreLoader(store, log, json, settings.intValue("store.batch-records"),
              Duration.ofHours(settings.longValue("log.retention-hours")),
              Duration.ofDays(settings.longValue("store.retention-days")), projections(json))
          : new StoreLoader(store, topic, json, settings.intValue("store.batch-records"), null,
              Duration.ofDays(settings.longValue("store.retention-days")), projections(json));
      long t0 = System.nanoTime();
      loader.recover(); // a topic's source rebuilds the dedup index itself, before it reads
      LOG.info("store recovered from the {} in {} ms", topic == null ? "log" : "topic",
          (System.nanoTime() - t0) / 1_000_000);
      Path snapshot = dataDir.resolve(DEDUP_SNAPSHOT);
      if (topic == null && index.readSnapshot(snapshot, log.durablePosition())) {
        LOG.info("dedup index loaded from the shutdown snapshot ({} ids)", index.size());
      } else if (topic == null) {
        rebuildDedup(windowMillis);
      }
      // a snapshot is valid for one start only: anything written after it would make it stale
      java.nio.file.Files.deleteIfExists(snapshot);
      loader.start();
      opened.push(loader);
      this.consent = new ConsentRegistry();
      long consentStart = System.nanoTime();
      loadConsent();
      LOG.info("consent choices loaded in {} ms", (System.nanoTime() - consentStart) / 1_000_000);
      // a node fed from the topic collects into the topic too, so what it takes over HTTP or from
      // its own services (consent updates, imports) reaches its store the way every event does
      this.topicSink = topic == null ? null : io.marquee.kafka.KafkaSink.open(settings, "node-" + dataDir.getFileName());
      if (topicSink != null) {
        opened.push(topicSink);
      }
      this.collector = new Collector(topicSink == null ? new LogSink(log) : topicSink, json,
          new PrivacyGuard(vault, suppressions, consent, json));
      this.writeKeys = WriteKeys.load(dataDir);
      writeKeys.alsoAccept(key -> apiKeys.authenticate(key)
          .map(p -> p.role() == io.marquee.access.Role.WRITE).orElse(false));
      this.services = buildServices();
    } catch (IOException | RuntimeException | Error e) {
      closeAll(opened, e);
      throw e;
    }
  }

  /**
   * The services capabilities build on, by type: everything this node opened, one {@link
   * Authorization} over its API keys, and {@link Sinks} into its collector. The vault is absent
   * without a master key.
   */
  private Services buildServices() {
    return Services.root(dataDir)
        .offer(Settings.class, settings)
        .offer(ObjectMapper.class, json)
        .offer(EventLog.class, log)
        .offer(Store.class, store)
        .offer(StoreLoader.class, loader)
        .offer(MessageIdIndex.class, index)
        .offer(Collector.class, collector)
        .offer(WriteKeys.class, writeKeys)
        .offer(KeyVault.class, vault)
        .offer(Suppressions.class, suppressions)
        .offer(AuditLog.class, audit)
        .offer(ApiKeys.class, apiKeys)
        .offer(Authorization.class, new Authorization(apiKeys))
        .offer(ConsentRegistry.class, consent)
        .offer(Sinks.class, this::sink);
  }

  /** What the node offers its capabilities ({@link HttpServer} serves each in a scope of it). */
  public Services services() {
    return services;
  }

  /**
   * Closes what a failed open had opened, newest first (loader, store, log, audit log, vault, lock),
   * so that no thread or file is left behind and the data dir can be opened again.
   */
  private static void closeAll(java.util.Deque<Closeable> opened, Throwable cause) {
    while (!opened.isEmpty()) {
      Closeable c = opened.pop();
      try {
        c.close();
      } catch (IOException | RuntimeException e) {
        cause.addSuppressed(e);
      }
    }
  }

  /** The Kafka source of a node whose {@code store.source} is {@code kafka}, else null. */
  private static KafkaSource openTopic(Settings settings, MessageIdIndex index, long windowMillis,
      Suppressions suppressions) {
    String source = settings.string("store.source");
    if ("log".equals(source)) {
      return null;
    }
    if (!"kafka".equals(source)) {
      throw new IllegalArgumentException("store.source must be log or kafka, not '" + source + "'");
    }
    return KafkaSource.open(KafkaSourceSettings.of(settings), index, Duration.ofMillis(windowMillis),
        new KafkaSource.Suppressed() {
          @Override
          public boolean contains(String id) {
            return suppressions.contains(id);
          }

          @Override
          public boolean isEmpty() {
            return suppressions.size() == 0;
          }
        });
  }

  /** The events topic this node consumes ({@code serve --source kafka}), or null when it has its own log. */
  public KafkaSource topicSource() {
    return topic;
  }

  /** Opens and recovers the node on {@code dataDir}; {@code purpose} names this process in the lock. */
  public static Marquee open(Path dataDir, Settings settings, String purpose) throws IOException {
    return new Marquee(dataDir, settings, purpose, null);
  }

  /**
   * Opens the node with a vault: personal data is encrypted under per-user keys wrapped by {@code
   * master}. Without one, messages carrying personal data are rejected.
   */
  public static Marquee open(Path dataDir, Settings settings, String purpose, MasterKey master)
      throws IOException {
    return new Marquee(dataDir, settings, purpose, master);
  }

  /**
   * Brings the store of a data dir up to date with its log, as a start would, and closes both. The
   * caller holds the data dir's lock.
   */
  public static void recoverStore(Path dataDir, Settings settings) throws IOException {
    ObjectMapper json = new ObjectMapper();
    try (EventLog log = EventLog.open(dataDir.resolve("log"), LogSettings.defaults(),
            io.marquee.log.DuplicateFilter.NONE);
        Store store = Store.open(dataDir.resolve("store"))) {
      if (fedFromATopic(store)) {
        LOG.info("the store is fed from a Kafka topic: read as it stands, nothing replayed");
        return;
      }
      new StoreLoader(store, log, json, settings.intValue("store.batch-records"), null, null,
          projections(json)).recover();
    }
  }

  private static boolean fedFromATopic(Store store) throws IOException {
    try (Connection c = store.readConnection()) {
      return io.marquee.store.LogSource.fedFromATopic(c);
    } catch (SQLException e) {
      throw new IOException("cannot read the store: " + e.getMessage(), e);
    }
  }

  /** The store's own projections (views, consent, profiles), then each capability's, in list order. */
  static java.util.List<io.marquee.store.Projection> projections(ObjectMapper json) {
    java.util.List<io.marquee.store.Projection> all = new java.util.ArrayList<>(
        io.marquee.store.Projections.standard(json));
    for (io.marquee.capability.Capability c : Capabilities.all()) {
      all.addAll(c.projections(json));
    }
    return all;
  }

  /** Replays recorded consent choices (API updates and Segment consent contexts) in time order. */
  private void loadConsent() throws IOException {
    try (Connection c = store.readConnection(); java.sql.Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT user_id, choices FROM consent_log ORDER BY timestamp, log_pos")) {
      while (r.next()) {
        String prefs = r.getString(2);
        if (prefs != null) {
          consent.update(r.getString(1), json.readTree(prefs));
        }
      }
    } catch (SQLException e) {
      throw new IOException("cannot load consent: " + e.getMessage(), e);
    }
  }

  public ConsentRegistry consent() {
    return consent;
  }

  private void rebuildDedup(long windowMillis) throws IOException {
    long t0 = System.nanoTime();
    long n = 0;
    try (Connection c = store.readConnection();
        PreparedStatement p = c.prepareStatement(
            "SELECT source, message_id FROM events WHERE received_at >= ? ORDER BY log_pos")) {
      p.setTimestamp(1, Timestamp.from(Instant.now().minusMillis(windowMillis)));
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          String source = r.getString(1);
          index.firstSeen(MessageIdIndex.key(source == null ? "" : source, r.getString(2)));
          n++;
        }
      }
    } catch (SQLException e) {
      throw new IOException("cannot rebuild the deduplication index: " + e.getMessage(), e);
    }
    LOG.info("dedup index rebuilt from {} stored events in {} ms", n, (System.nanoTime() - t0) / 1_000_000);
  }

  public Path dataDir() {
    return dataDir;
  }

  public Settings settings() {
    return settings;
  }

  public ObjectMapper json() {
    return json;
  }

  public Collector collector() {
    return collector;
  }

  public WriteKeys writeKeys() {
    return writeKeys;
  }

  public EventLog log() {
    return log;
  }

  public Store store() {
    return store;
  }

  public StoreLoader loader() {
    return loader;
  }

  /** The vault, or null when the node runs without a master key. */
  public KeyVault vault() {
    return vault;
  }

  public AuditLog audit() {
    return audit;
  }

  public ApiKeys apiKeys() {
    return apiKeys;
  }

  public Suppressions suppressions() {
    return suppressions;
  }

  public MessageIdIndex dedupIndex() {
    return index;
  }

  /**
   * A blocking sink for in-process producers (imports, the demo, consent updates), tagged with the
   * write key's source; on a node fed from the topic it produces to the topic.
   */
  public EventSink sink(String writeKey) {
    return collector.sink(WriteKeys.sourceIdOf(writeKey));
  }

  /** Waits until everything logged so far is in the store. */
  public void awaitStore(Duration timeout) throws InterruptedException, TimeoutException {
    loader.awaitCaughtUp(timeout);
  }

  /**
   * Syncs and closes the log, stops the loader at its next batch boundary (whatever its backlog: the
   * log is durable and the next start applies the rest), closes the store and releases the lock.
   */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      log.close();
      try {
        if (topic == null) {
          index.writeSnapshot(dataDir.resolve(DEDUP_SNAPSHOT), log.durablePosition());
        }
      } catch (IOException e) {
        LOG.warn("could not write the dedup snapshot; the next start rebuilds it from the store: {}", e.toString());
      }
      if (topicSink != null) {
        topicSink.close();
      }
      loader.close();
      if (topic != null) {
        topic.close();
      }
      long behind = log.durablePosition() - loader.appliedPosition();
      if (behind > 0) {
        LOG.info("store stopped {} log bytes behind the log; the next start applies them", behind);
      }
      store.close();
      if (vault != null) {
        vault.close();
      }
      audit.close();
    } finally {
      lock.close();
    }
  }
}
