package io.marquee.kafka.control;

import io.marquee.access.ApiKeyEntry;
import io.marquee.access.ApiKeys;
import io.marquee.collect.WriteKeys;
import io.marquee.kafka.control.ControlRecords.Kind;
import io.marquee.kafka.control.ControlRecords.Wrapped;
import io.marquee.privacy.ConsentRegistry;
import io.marquee.privacy.Suppressions;
import io.marquee.vault.KeyVault;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The owning node's side of the control topic: the node whose data dir holds the API keys, write
 * keys, suppressions and vault publishes them at start and every change after, and takes in what
 * collectors write (their data keys into its vault file, their consent choices into its registry).
 *
 * <p>Start: read the topic to its end (learning collectors' data keys made while this node was
 * down), then write every key, write key, the suppression salt and digests, the data keys the topic
 * lacks, and last the vault index (a collector needs it to make keys, so none can race the ones
 * published before it). Changes: API keys as {@link ApiKeys} announces them (a {@code marquee keys}
 * command beside the server within a second, checked on every poll), write keys as added, each
 * erasure's suppressions before the erasure goes on (the write is acknowledged before {@code add}
 * returns), its data keys and consent as tombstones.
 */
final class OwnerLink implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(OwnerLink.class);
  private static final Duration WRITE = Duration.ofSeconds(10);
  private final ControlLog log;

  private OwnerLink(ControlLog log) {
    this.log = log;
  }

  static OwnerLink start(String bootstrap, String topic, Duration timeout, ApiKeys apiKeys, WriteKeys writeKeys,
      Suppressions suppressions, ConsentRegistry consent, KeyVault vault) throws IOException {
    ControlState state = new ControlState(new Take(consent, vault));
    ControlLog log = ControlLog.open(bootstrap, topic, state, "owner");
    OwnerLink link = new OwnerLink(log);
    try {
      log.awaitCaughtUp(timeout);
      link.publishAll(state, apiKeys, writeKeys, suppressions, vault);
    } catch (TimeoutException | InterruptedException | IOException | RuntimeException e) {
      log.close();
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw e instanceof IOException io ? io : new IOException("cannot publish to the control topic " + topic
          + ": " + e.getMessage(), e);
    }
    apiKeys.onChange(e -> log.send(ControlRecords.key(Kind.API_KEY, e.id()), ControlRecords.apiKey(e)));
    log.onTick(apiKeys::list); // notices the file changed by `marquee keys` (at most once a second)
    writeKeys.onAdd(d -> log.send(ControlRecords.key(Kind.WRITE_KEY, d), ControlRecords.present()));
    suppressions.onAdd(d -> {
      try {
        log.sendAll(Map.of(ControlRecords.key(Kind.SUPPRESSED, d), ControlRecords.present()), WRITE);
      } catch (IOException e) {
        throw new UncheckedIOException("the erasure is not yet known to the collectors", e);
      }
    });
    consent.listen(new ConsentRegistry.Listener() {
      @Override
      public void recorded(String userId, Map<String, Boolean> choices) {
        choices.forEach((c, allowed) -> log.send(ControlRecords.key(Kind.CONSENT, userId, c),
            ControlRecords.consent(allowed)));
      }

      @Override
      public void forgotten(String userId, Set<String> categories) {
        Map<byte[], byte[]> tombstones = new LinkedHashMap<>();
        categories.forEach(c -> tombstones.put(ControlRecords.key(Kind.CONSENT, userId, c), null));
        try {
          log.sendAll(tombstones, WRITE);
        } catch (IOException e) {
          throw new UncheckedIOException("the erased user's consent is not yet gone from the collectors", e);
        }
      }
    });
    if (vault != null) {
      vault.share(new SharedVaultKeys(log));
      vault.refuseKeysFor(suppressions::contains);
    }
    return link;
  }

  private void publishAll(ControlState state, ApiKeys apiKeys, WriteKeys writeKeys, Suppressions suppressions,
      KeyVault vault) throws IOException {
    Map<byte[], byte[]> records = new LinkedHashMap<>();
    for (ApiKeyEntry e : apiKeys.entries()) {
      records.put(ControlRecords.key(Kind.API_KEY, e.id()), ControlRecords.apiKey(e));
    }
    for (String d : writeKeys.digests()) {
      records.put(ControlRecords.key(Kind.WRITE_KEY, d), ControlRecords.present());
    }
    records.put(ControlRecords.key(Kind.SUPPRESSION_SALT), ControlRecords.salt(suppressions.salt()));
    Set<String> published = state.suppressed();
    for (String d : suppressions.digests()) {
      if (!published.contains(d)) {
        records.put(ControlRecords.key(Kind.SUPPRESSED, d), ControlRecords.present());
      }
    }
    if (vault != null) {
      for (Map.Entry<String, byte[]> e : vault.wrappedKeys().entrySet()) {
        Wrapped w = state.winnerOf(e.getKey());
        if (w == null) {
          records.put(ControlRecords.key(Kind.DATA_KEY, e.getKey()), ControlRecords.dataKey(vault.masterId(), e.getValue()));
        } else if (!java.util.Arrays.equals(w.bytes(), e.getValue())) {
          LOG.error("the data key of entry {} in this data dir differs from the one on the control topic; "
              + "collectors encrypt with the topic's", e.getKey());
        }
      }
    }
    log.sendAll(records, WRITE);
    if (vault != null) {
      log.sendAll(Map.of(ControlRecords.key(Kind.VAULT_INDEX), ControlRecords.vaultIndex(vault.masterId(),
          vault.wrappedIndex())), WRITE);
    }
    LOG.info("published {} records to the control topic", records.size() + (vault == null ? 0 : 1));
  }

  /** What the owning node takes from the topic: collectors' data keys and consent choices. */
  private record Take(ConsentRegistry consent, KeyVault vault) implements ControlState.Target {
    @Override
    public void consent(String userId, String category, Boolean allowed) {
      consent.applyShared(userId, category, allowed);
    }

    @Override
    public void dataKey(String entryId, Wrapped wrapped) {
      if (vault != null) {
        try {
          if (!vault.adopt(entryId, wrapped.bytes())) {
            LOG.error("the data key of entry {} on the control topic differs from this data dir's", entryId);
          }
        } catch (IOException | RuntimeException e) {
          LOG.error("a collector's data key (entry {}) could not be kept: {}", entryId, e.getMessage());
        }
      }
    }

    @Override
    public void dataKeyGone(String entryId) {
      if (vault != null) {
        try {
          vault.forgetShared(entryId);
        } catch (IOException e) {
          LOG.error("an erased data key (entry {}) could not be dropped: {}", entryId, e.getMessage());
        }
      }
    }
  }

  @Override
  public void close() {
    log.close();
  }
}
