package io.marquee.kafka.control;

import io.marquee.kafka.control.ControlRecords.Kind;
import io.marquee.kafka.control.ControlRecords.Wrapped;
import io.marquee.vault.SharedKeys;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The vault's data keys on the control topic: a new key is written as a {@code data-key} record,
 * and the writer reads the partition back up to its own record before it learns which key won (the
 * first record for the entry, {@link ControlState}); an erasure is a tombstone.
 */
final class SharedVaultKeys implements SharedKeys {
  /** Longest a new user's first encryption waits for its key to be written and read back. */
  static final Duration SETTLE = Duration.ofSeconds(10);
  private final ControlLog log;

  SharedVaultKeys(ControlLog log) {
    this.log = log;
  }

  @Override
  public Map<String, byte[]> publish(String masterId, Map<String, byte[]> wrapped) throws IOException {
    Map<String, byte[]> winners = new HashMap<>();
    List<String> entries = new ArrayList<>();
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : wrapped.entrySet()) {
      Wrapped known = log.state().winnerOf(e.getKey());
      if (known != null) {
        winners.put(e.getKey(), known.bytes());
      } else {
        entries.add(e.getKey());
        sent.add(log.send(ControlRecords.key(Kind.DATA_KEY, e.getKey()),
            ControlRecords.dataKey(masterId, e.getValue())));
      }
    }
    List<RecordMetadata> acks = ControlLog.awaitAll(sent, SETTLE);
    try {
      for (RecordMetadata md : acks) {
        log.awaitApplied(md.partition(), md.offset(), SETTLE);
      }
    } catch (TimeoutException e) {
      throw new IOException("a new data key was not read back from the control topic: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading a new data key back", e);
    }
    for (String entry : entries) {
      Wrapped w = log.state().winnerOf(entry);
      if (w == null) {
        throw new IOException("the user's data key was erased while it was being made");
      }
      if (!w.masterId().equals(masterId)) {
        throw new IOException("the data key that won is wrapped by master key " + w.masterId() + ", not " + masterId);
      }
      winners.put(entry, w.bytes());
    }
    return winners;
  }

  @Override
  public void remove(Collection<String> entryIds) throws IOException {
    Map<byte[], byte[]> tombstones = new LinkedHashMap<>();
    for (String e : entryIds) {
      tombstones.put(ControlRecords.key(Kind.DATA_KEY, e), null);
    }
    log.sendAll(tombstones, SETTLE);
  }
}
