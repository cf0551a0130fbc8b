package io.marquee.collect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marquee.core.BatchResult;
import io.marquee.core.ConsentChoice;
import io.marquee.core.EventRecord;
import io.marquee.core.EventSink;
import io.marquee.core.OverloadedException;
import io.marquee.core.Reason;
import io.marquee.core.Rejection;
import io.marquee.core.RejectionCode;
import io.marquee.privacy.PrivacyGuard;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The pipeline's front door: validates Segment messages, normalizes them, and writes the valid
 * ones to its {@link RecordSink} (the node's event log, or Kafka on a collector process), completing
 * once they are durable. HTTP requests, imports and the demo all come through here.
 */
public final class Collector {
  /** Segment's limit for one message. */
  public static final int MAX_MESSAGE_BYTES = 32 * 1024;

  private final RecordSink sink;
  private final ObjectMapper json;
  private final CollectStats stats = new CollectStats();
  private final PrivacyGuard guard;

  public Collector(RecordSink sink, ObjectMapper json, PrivacyGuard guard) {
    this.sink = sink;
    this.json = json;
    this.guard = guard;
  }

  public CollectStats stats() {
    return stats;
  }

  /**
   * Validates and logs a batch for the source (write key id).
   *
   * @param raw the messages' bytes as received, reused in the log when unchanged; or null
   * @param impliedType the type implied by a single-message endpoint, or null for batches
   * @param batchContext a batch-level context merged under each message's own, or null
   * @throws OverloadedException when the sink cannot take the batch now; nothing was accepted
   */
  public CompletableFuture<BatchResult> submit(String sourceId, List<? extends JsonNode> messages,
      String impliedType) {
    return submit(sourceId, messages, null, impliedType, null, null, false, Instant.now());
  }

  /**
   * As {@link #submit(String, List, String)} for a live request.
   *
   * @param batchSentAt the batch's {@code sentAt}, for messages without their own; or null
   * @param live whether the messages were just sent by a client (then its clock skew is corrected;
   *     not for file imports)
   */
  CompletableFuture<BatchResult> submit(String sourceId, List<? extends JsonNode> messages,
      Raw raw, String impliedType, ObjectNode batchContext, Instant batchSentAt, boolean live,
      Instant receivedAt) {
    long receivedMicros = EventRecord.micros(receivedAt);
    Instant[] timestamp = new Instant[2];
    boolean reuseBytes = raw != null && (batchContext == null || batchContext.isEmpty());
    List<Rejection> rejected = new ArrayList<>();
    List<byte[]> payloads = new ArrayList<>(messages.size());
    long[] keys = new long[messages.size()];
    String[] viewers = new String[messages.size()];
    ConsentChoice[] consents = new ConsentChoice[messages.size()];
    int dropped = 0;
    stats.received.add(messages.size());
    guard.prepareKeys(personalDataSubjects(messages, raw));
    // the batch-level context becomes part of every message: card data in it refuses them all
    Reason contextCard = batchContext == null ? null : PrivacyGuard.cardData(batchContext);
    for (int i = 0; i < messages.size(); i++) {
      if (contextCard != null) {
        reject(rejected, i, raw == null || raw.scans == null ? null : raw.scans[i].messageId, contextCard);
        continue;
      }
      MessageScanner.Scan scan = raw == null || raw.scans == null ? null : raw.scans[i];
      if (raw != null && raw.sizes[i] > MAX_MESSAGE_BYTES) {
        Reason error = RejectionCode.TOO_LARGE.because("message is " + raw.sizes[i] + " bytes; the limit is 32 KB");
        reject(rejected, i, scan == null ? null : scan.messageId, error);
        continue;
      }
      if (scan != null && scan.error != null) {
        // the scan saw the bytes: its verdict stands even where a tree could not (duplicate keys),
        // but card data, when the pre-filter saw a hint of it, is the reason given
        Reason card = scan.needsTree ? PrivacyGuard.cardData(tree(raw, i)) : null;
        Reason error = card != null ? card : scan.error;
        reject(rejected, i, scan.messageId, error);
        continue;
      }
      if (scan != null && !scan.needsTree && reuseBytes) {
        PrivacyGuard.Verdict verdict = guard.byIds(scan.userId, scan.anonymousId);
        if (verdict.outcome() != PrivacyGuard.Outcome.KEEP) {
          stats.drop(verdict.reason());
          dropped++;
          continue;
        }
        keys[payloads.size()] = MessageIdIndex.key(sourceId, scan.messageId);
        viewers[payloads.size()] = RecordSink.viewer(scan.userId, scan.anonymousId);
        Instant eventTime = live
            ? MessageValidator.eventTime(scan.clientTime, scan.sentAt != null ? scan.sentAt : batchSentAt, receivedAt)
            : scan.clientTime != null ? scan.clientTime : receivedAt;
        payloads.add(EventRecord.encode(receivedMicros, EventRecord.micros(eventTime),
            EventRecord.micros(scan.clientTime), sourceId, scan.messageId, scan.type, raw.body, raw.starts[i],
            raw.sizes[i]));
        continue;
      }
      JsonNode node = messages.get(i) != null ? messages.get(i) : tree(raw, i);
      JsonNode sentId = node == null ? null : node.get("messageId");
      String clientId = sentId != null && sentId.isValueNode() && !sentId.isNull() ? sentId.asText() : null;
      Reason error = node == null ? null : PrivacyGuard.cardData(node);
      if (error == null) {
        // a live request's bytes already passed the guard (the batch scan, or RequestBody.single)
        error = MessageValidator.validate(node, impliedType, receivedAt, batchSentAt, live, scan != null || live,
            timestamp);
      }
      if (error != null) {
        reject(rejected, i, clientId, error);
        continue;
      }
      ObjectNode message = (ObjectNode) node;
      String messageId = message.get("messageId").textValue();
      String type = message.get("type").textValue();
      mergeContext(message, batchContext);
      message.remove("writeKey");
      PrivacyGuard.Verdict verdict = guard.apply(message);
      if (verdict.outcome() == PrivacyGuard.Outcome.REJECT) {
        reject(rejected, i, messageId, verdict.rejection());
        continue;
      }
      if (verdict.outcome() == PrivacyGuard.Outcome.DROP) {
        stats.drop(verdict.reason());
        dropped++;
        continue;
      }
      byte[] json = serialize(message);
      if (json.length > MAX_MESSAGE_BYTES * 2) {
        Reason e = RejectionCode.TOO_LARGE.because(
            "message is " + json.length + " bytes after normalization; the limit is 32 KB");
        reject(rejected, i, messageId, e);
        continue;
      }
      byte[] payload = EventRecord.encode(receivedMicros, EventRecord.micros(timestamp[0]),
          EventRecord.micros(timestamp[1]), sourceId, messageId, type, json, 0, json.length);
      keys[payloads.size()] = MessageIdIndex.key(sourceId, messageId);
      viewers[payloads.size()] = RecordSink.viewer(message.path("userId").textValue(),
          message.path("anonymousId").textValue());
      consents[payloads.size()] = ConsentChoice.of(message);
      payloads.add(payload);
    }
    if (payloads.isEmpty()) {
      stats.accepted.add(dropped);
      return CompletableFuture.completedFuture(new BatchResult(dropped, 0, rejected));
    }
    int droppedCount = dropped;
    long[] usedKeys = payloads.size() == keys.length ? keys : java.util.Arrays.copyOf(keys, payloads.size());
    String[] usedViewers = payloads.size() == viewers.length ? viewers
        : java.util.Arrays.copyOf(viewers, payloads.size());
    CompletableFuture<boolean[]> written;
    try {
      written = countedWhenRefused(sink.append(payloads, usedKeys, usedViewers), payloads.size());
    } catch (OverloadedException e) {
      stats.overloaded.add(payloads.size());
      throw e;
    }
    return written.thenApply(dup -> {
      int duplicates = 0;
      for (boolean d : dup) {
        duplicates += d ? 1 : 0;
      }
      recordConsent(consents, dup);
      stats.accepted.add(dup.length + droppedCount);
      stats.duplicates.add(duplicates);
      return new BatchResult(dup.length + droppedCount, duplicates, rejected);
    });
  }

  /** Refuses message {@code index} for {@code why}: listed in the answer and counted under its code. */
  private void reject(List<Rejection> rejected, int index, String messageId, Reason why) {
    rejected.add(new Rejection(index, messageId, why));
    stats.reject(why.code());
  }

  /**
   * Counts the records of a write the sink refused after taking it (a full disk, an unreachable
   * Kafka) as overloaded, like a refusal up front: 503 and nothing acknowledged either way.
   */
  private CompletableFuture<boolean[]> countedWhenRefused(CompletableFuture<boolean[]> written, int records) {
    return written.whenComplete((ok, t) -> {
      Throwable cause = t instanceof java.util.concurrent.CompletionException && t.getCause() != null
          ? t.getCause() : t;
      if (cause instanceof OverloadedException) {
        stats.overloaded.add(records);
      }
    });
  }

  /**
   * Records the consent that the logged messages state, now that they are durable: not for a
   * duplicate (its first copy did), and never for a message refused or not written.
   */
  private void recordConsent(ConsentChoice[] consents, boolean[] duplicate) {
    for (int i = 0; i < duplicate.length; i++) {
      if (consents[i] != null && !duplicate[i]) {
        guard.recordConsent(consents[i]);
      }
    }
  }

  /** The users of messages that take the tree path as identify calls, which usually carry traits. */
  private static java.util.Set<String> personalDataSubjects(List<? extends JsonNode> messages, Raw raw) {
    java.util.Set<String> out = new java.util.HashSet<>();
    for (int i = 0; i < messages.size(); i++) {
      MessageScanner.Scan scan = raw == null || raw.scans == null ? null : raw.scans[i];
      if (scan != null) {
        if (scan.needsTree && scan.error == null && "identify".equals(scan.type)) {
          out.add(scan.userId != null ? scan.userId : scan.anonymousId);
        }
      } else if (messages.get(i) instanceof ObjectNode m && m.has("traits")) {
        JsonNode id = m.hasNonNull("userId") ? m.get("userId") : m.get("anonymousId");
        if (id != null && id.isValueNode()) {
          out.add(id.asText());
        }
      }
    }
    out.remove(null);
    return out;
  }

  /**
   * Messages' original bytes: message i is {@code body[starts[i], starts[i] + sizes[i])}; with
   * {@code scans}, the streaming validation of each (the message's tree is then null unless the scan
   * asked for one).
   */
  record Raw(byte[] body, int[] starts, int[] sizes, MessageScanner.Scan[] scans) {}

  private JsonNode tree(Raw raw, int i) {
    try {
      return json.readTree(raw.body, raw.starts[i], raw.sizes[i]);
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /** A blocking sink that submits under the given source id, for imports and the demo. */
  public EventSink sink(String sourceId) {
    return messages -> {
      while (true) {
        try {
          return submit(sourceId, messages, null).get();
        } catch (OverloadedException e) {
          Thread.sleep(5); // back-off while the writer drains its queue, as a remote client would
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof OverloadedException)) {
            throw new IllegalStateException("event log write failed", e.getCause());
          }
          Thread.sleep(100); // the disk refused the write: nothing was taken, retry as a client would
        }
      }
    };
  }

  private static void mergeContext(ObjectNode message, ObjectNode batchContext) {
    if (batchContext == null || batchContext.isEmpty()) {
      return;
    }
    JsonNode own = message.get("context");
    ObjectNode merged = batchContext.deepCopy();
    if (own instanceof ObjectNode o) {
      Iterator<Map.Entry<String, JsonNode>> it = o.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        merged.set(e.getKey(), e.getValue());
      }
    }
    message.set("context", merged);
  }

  private byte[] serialize(ObjectNode message) {
    try {
      return json.writeValueAsBytes(message);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
