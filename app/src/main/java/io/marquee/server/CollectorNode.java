package io.marquee.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.access.ApiKeys;
import io.marquee.access.Authorization;
import io.marquee.audit.AuditLog;
import io.marquee.capability.Services;
import io.marquee.collect.Collector;
import io.marquee.collect.WriteKeys;
import io.marquee.config.Settings;
import io.marquee.kafka.KafkaSink;
import io.marquee.kafka.control.CollectorState;
import io.marquee.privacy.ConsentRegistry;
import io.marquee.privacy.PrivacyGuard;
import io.marquee.privacy.Suppressions;
import io.marquee.vault.KeyVault;
import io.marquee.vault.MasterKey;
import java.io.Closeable;
import java.io.IOException;

/**
 * A collector process ({@code serve --sink kafka}): the collection routes in front of the Kafka
 * events topic, with no data dir, no event log and no store. It validates and applies the privacy
 * rules as a node does (card data refused, personal fields encrypted by the vault, suppressed users
 * and events without analytics consent dropped) and answers 200 only once Kafka acknowledged
 * ({@link KafkaSink}).
 *
 * <p>What a collector needs besides the topic (write keys, API keys with the write role, the vault's
 * data keys, suppressions, consent choices) comes from the control topic ({@link CollectorState#join}),
 * read to its end before the port opens and followed after: the owning node's keys and erasures,
 * every collector's consent choices and data keys. Any number of collectors share it, and all seal a
 * user's data under the one key the owning node decrypts with.
 */
public final class CollectorNode implements Closeable {
  private final Settings settings;
  private final ObjectMapper json = new ObjectMapper();
  private final CollectorState shared;
  private final KafkaSink sink;
  private final Collector collector;
  private boolean closed;

  private CollectorNode(Settings settings, MasterKey master) throws IOException {
    this.settings = settings;
    this.shared = CollectorState.join(settings, master);
    try {
      this.sink = KafkaSink.open(settings, "marquee-collector-" + ProcessHandle.current().pid());
    } catch (RuntimeException | Error e) {
      try {
        shared.close();
      } catch (IOException | RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    this.collector = new Collector(sink, json, new PrivacyGuard(shared.vault(), shared.suppressions(),
        shared.consent(), json));
  }

  /**
   * Opens a collector on the control topic of {@code kafka.bootstrap} ({@code kafka.control.topic})
   * producing to {@code kafka.bootstrap}/{@code kafka.topic}; without {@code master}, messages with
   * personal data are refused, as on a node.
   *
   * @throws IOException if the control topic cannot be read in time or no owning node published to it
   */
  public static CollectorNode open(Settings settings, MasterKey master) throws IOException {
    return new CollectorNode(settings, master);
  }

  /** What the collection capability needs, by type (as a node's services, without log or store). */
  Services services() {
    return Services.root(null)
        .offer(Settings.class, settings)
        .offer(ObjectMapper.class, json)
        .offer(Collector.class, collector)
        .offer(WriteKeys.class, shared.writeKeys())
        .offer(KeyVault.class, shared.vault())
        .offer(Suppressions.class, shared.suppressions())
        .offer(AuditLog.class, null) // a collector keeps no audit log: key changes are the owner's
        .offer(ApiKeys.class, shared.apiKeys())
        .offer(Authorization.class, new Authorization(shared.apiKeys()))
        .offer(ConsentRegistry.class, shared.consent())
        .offer(KafkaSink.class, sink);
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
    return shared.writeKeys();
  }

  public ApiKeys apiKeys() {
    return shared.apiKeys();
  }

  public Suppressions suppressions() {
    return shared.suppressions();
  }

  public ConsentRegistry consent() {
    return shared.consent();
  }

  /** The vault, or null without a master key. */
  public KeyVault vault() {
    return shared.vault();
  }

  public KafkaSink sink() {
    return sink;
  }

  /**
   * Waits for Kafka to answer what was sent (up to {@code kafka.delivery-timeout-ms}), then stops
   * following the control topic. The HTTP server is closed first.
   */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      sink.close();
    } finally {
      shared.close();
    }
  }
}
