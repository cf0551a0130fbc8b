package io.marquee.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.access.ApiKeys;
import io.marquee.access.Authorization;
import io.marquee.access.Role;
import io.marquee.audit.AuditLog;
import io.marquee.capability.Services;
import io.marquee.collect.Collector;
import io.marquee.collect.WriteKeys;
import io.marquee.config.DataDirLock;
import io.marquee.config.Settings;
import io.marquee.kafka.KafkaSink;
import io.marquee.privacy.ConsentRegistry;
import io.marquee.privacy.PrivacyGuard;
import io.marquee.privacy.Suppressions;
import io.marquee.vault.KeyVault;
import io.marquee.vault.MasterKey;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A collector process ({@code serve --sink kafka}): the collection routes in front of the Kafka
 * events topic, with no event log and no store. It validates and applies the privacy rules as a
 * node does (card data refused, personal fields encrypted by the vault, suppressed users and events
 * without analytics consent dropped) and answers 200 only once Kafka acknowledged ({@link KafkaSink}).
 *
 * <p>What a collector needs besides the topic (write keys, API keys with the write role, the vault's
 * data keys, suppressions, consent choices) is read from its data dir through the node's own types
 * ({@link WriteKeys}, {@link ApiKeys}, {@link KeyVault}, {@link Suppressions}, {@link
 * ConsentRegistry}); consent starts empty (it lives in a node's store) and learns the choices the
 * collected messages state. The data dir is locked: one collector per data dir.
 */
public final class CollectorNode implements Closeable {
  private final Path dataDir;
  private final Settings settings;
  private final ObjectMapper json = new ObjectMapper();
  private final DataDirLock lock;
  private final KeyVault vault;
  private final Suppressions suppressions;
  private final AuditLog audit;
  private final ApiKeys apiKeys;
  private final WriteKeys writeKeys;
  private final ConsentRegistry consent = new ConsentRegistry();
  private final KafkaSink sink;
  private final Collector collector;
  private boolean closed;

  private CollectorNode(Path dataDir, Settings settings, String purpose, MasterKey master) throws IOException {
    this.dataDir = dataDir;
    this.settings = settings;
    this.lock = DataDirLock.acquire(dataDir, purpose);
    Deque<Closeable> opened = new ArrayDeque<>();
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
      this.writeKeys = WriteKeys.load(dataDir);
      writeKeys.alsoAccept(key -> apiKeys.authenticate(key).map(p -> p.role() == Role.WRITE).orElse(false));
      this.sink = KafkaSink.open(settings, "marquee-collector-" + ProcessHandle.current().pid());
      opened.push(sink);
      this.collector = new Collector(sink, json, new PrivacyGuard(vault, suppressions, consent, json));
    } catch (IOException | RuntimeException | Error e) {
      while (!opened.isEmpty()) {
        try {
          opened.pop().close();
        } catch (IOException | RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  /**
   * Opens a collector on {@code dataDir} producing to {@code kafka.bootstrap}/{@code kafka.topic};
   * without {@code master}, messages with personal data are refused, as on a node.
   */
  public static CollectorNode open(Path dataDir, Settings settings, String purpose, MasterKey master)
      throws IOException {
    return new CollectorNode(dataDir, settings, purpose, master);
  }

  /** What the collection capability needs, by type (as a node's services, without log or store). */
  Services services() {
    return Services.root(dataDir)
        .offer(Settings.class, settings)
        .offer(ObjectMapper.class, json)
        .offer(Collector.class, collector)
        .offer(WriteKeys.class, writeKeys)
        .offer(KeyVault.class, vault)
        .offer(Suppressions.class, suppressions)
        .offer(AuditLog.class, audit)
        .offer(ApiKeys.class, apiKeys)
        .offer(Authorization.class, new Authorization(apiKeys))
        .offer(ConsentRegistry.class, consent)
        .offer(KafkaSink.class, sink);
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

  public ApiKeys apiKeys() {
    return apiKeys;
  }

  public Suppressions suppressions() {
    return suppressions;
  }

  public ConsentRegistry consent() {
    return consent;
  }

  /** The vault, or null without a master key. */
  public KeyVault vault() {
    return vault;
  }

  public KafkaSink sink() {
    return sink;
  }

  /**
   * Waits for Kafka to answer what was sent (up to {@code kafka.delivery-timeout-ms}), then closes the
   * vault, the audit log and the lock. The HTTP server is closed first.
   */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      sink.close();
      if (vault != null) {
        vault.close();
      }
      audit.close();
    } finally {
      lock.close();
    }
  }
}
