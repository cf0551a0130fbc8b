package io.marquee.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marquee.core.BatchResult;
import io.marquee.core.EventSink;
import io.marquee.core.OverloadedException;
import io.marquee.core.Reason;
import io.marquee.core.Rejection;
import io.marquee.core.RejectionCode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * An in-memory {@link EventSink} for tests: validates minimally (known type, a user, a messageId,
 * an event on tracks, an ISO-8601 timestamp), deduplicates by messageId and records what it kept.
 */
final class RecordingSink implements EventSink {
  private static final Set<String> TYPES =
      Set.of("track", "identify", "page", "screen", "group", "alias");

  final List<ObjectNode> accepted = new ArrayList<>();
  final List<ObjectNode> duplicates = new ArrayList<>();
  final List<Integer> batchSizes = new ArrayList<>();
  /** A reading taken at each submit, e.g. the catalog's size. */
  final List<Integer> probes = new ArrayList<>();

  private final Set<String> messageIds = new HashSet<>();
  private int overloadsLeft;
  private IntSupplier probe = () -> 0;

  /** Makes the next {@code count} submits throw {@link OverloadedException}. */
  RecordingSink overloadFor(int count) {
    this.overloadsLeft = count;
    return this;
  }

  RecordingSink probing(IntSupplier probe) {
    this.probe = probe;
    return this;
  }

  @Override
  public BatchResult submit(List<ObjectNode> messages) {
    if (overloadsLeft > 0) {
      overloadsLeft--;
      throw new OverloadedException("test: overloaded");
    }
    batchSizes.add(messages.size());
    probes.add(probe.getAsInt());
    int ok = 0;
    int dups = 0;
    List<Rejection> rejected = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      ObjectNode message = messages.get(i);
      Reason error = validate(message);
      String id = message.path("messageId").asText(null);
      if (error != null) {
        rejected.add(new Rejection(i, id, error));
      } else if (!messageIds.add(id)) {
        duplicates.add(message);
        ok++;
        dups++;
      } else {
        accepted.add(message);
        ok++;
      }
    }
    return new BatchResult(ok, dups, rejected);
  }

  private static Reason validate(ObjectNode message) {
    if (!TYPES.contains(message.path("type").asText())) {
      return RejectionCode.BAD_MESSAGE_TYPE.because("type must be one of " + TYPES);
    }
    if (!message.path("userId").isTextual() && !message.path("anonymousId").isTextual()) {
      return RejectionCode.NO_USER.because("userId or anonymousId is required");
    }
    JsonNode id = message.path("messageId");
    if (!id.isTextual() || id.asText().isBlank()) {
      return RejectionCode.MISSING_FIELD.because("messageId is required");
    }
    if (message.path("type").asText().equals("track") && !message.path("event").isTextual()) {
      return RejectionCode.MISSING_FIELD.because("event is required on a track");
    }
    JsonNode timestamp = message.path("timestamp");
    if (!timestamp.isMissingNode()) {
      try {
        Instant.parse(timestamp.asText());
      } catch (DateTimeParseException e) {
        return RejectionCode.BAD_TIMESTAMP.because("timestamp is not ISO-8601");
      }
    }
    return null;
  }

  /** The accepted messages of one type (and, for tracks, one event if given). */
  List<ObjectNode> accepted(String type, String event) {
    return accepted.stream()
        .filter(m -> m.path("type").asText().equals(type))
        .filter(m -> event == null || m.path("event").asText().equals(event))
        .toList();
  }

  ObjectNode acceptedById(String messageId) {
    return accepted.stream()
        .filter(m -> m.path("messageId").asText().equals(messageId))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no message " + messageId));
  }
}
