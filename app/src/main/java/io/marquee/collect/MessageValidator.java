package io.marquee.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marquee.core.Reason;
import io.marquee.core.RejectionCode;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Checks one Segment message and normalizes it in place: ids as strings, a messageId, a UTC
 * timestamp (receipt time when the client sent none, corrected for the client's clock skew when it
 * sent {@code sentAt}) and the receipt time. The limits on a message's content (depth, values,
 * non-finite numbers) are {@link TokenGuard}'s, the same as on the streaming path.
 *
 * <p>Every error names the field and says what was expected, because the person reading it is
 * debugging a client library they did not write.
 */
final class MessageValidator {
  static final Set<String> TYPES = Set.of("track", "identify", "page", "screen", "group", "alias");
  private static final String[] OBJECT_FIELDS = {"properties", "traits", "context", "integrations"};
  private static final String[] NUMBER_PROPERTIES = {"position", "total_length", "rating"};
  private static final int MAX_ID_LENGTH = io.marquee.core.FieldLimits.MAX_ID;
  // the reasons both validators give, defined once so that they agree word for word and code for code
  static final Reason NOT_AN_OBJECT = RejectionCode.NOT_AN_OBJECT.because("message must be a JSON object");
  static final Reason NO_TYPE = RejectionCode.MISSING_FIELD.because(
      "type is required (one of track, identify, page, screen, group, alias)");
  static final Reason TYPE_NOT_A_STRING = RejectionCode.NOT_A_STRING.because("type must be a string");
  static final Reason NO_USER = RejectionCode.NO_USER.because("userId or anonymousId is required");
  static final Reason NO_EVENT = RejectionCode.MISSING_FIELD.because("track needs an event name in 'event'");
  static final Reason EMPTY_EVENT = RejectionCode.NOT_A_STRING.because("event must be a non-empty string");
  static final Reason NO_PREVIOUS_ID = RejectionCode.MISSING_FIELD.because("alias needs the old id in 'previousId'");
  static final Reason NO_GROUP_ID = RejectionCode.MISSING_FIELD.because("group needs 'groupId'");

  static Reason unknownType(String type) {
    return RejectionCode.BAD_MESSAGE_TYPE.because(
        "type '" + type + "' is not one of track, identify, page, screen, group, alias");
  }

  static Reason tooLong(String field) {
    return RejectionCode.TOO_LONG.because(field + " is longer than " + MAX_ID_LENGTH + " characters");
  }

  static Reason timeNotAString(String field) {
    return RejectionCode.BAD_TIMESTAMP.because(field + " must be an ISO-8601 date-time string");
  }

  static Reason notATime(String field, String text) {
    return RejectionCode.BAD_TIMESTAMP.because(field + " '" + abbreviate(text) + "' is not an ISO-8601 date-time");
  }

  private MessageValidator() {}

  /** Validates and normalizes {@code node}; returns null when valid, else the reason. */
  static Reason validate(JsonNode node, String impliedType, Instant receivedAt) {
    return validate(node, impliedType, receivedAt, new Instant[1]);
  }

  /** As {@link #validate(JsonNode, String, Instant)}, also giving the event time in {@code timestamp[0]}. */
  static Reason validate(JsonNode node, String impliedType, Instant receivedAt, Instant[] timestamp) {
    return validate(node, impliedType, receivedAt, null, true, timestamp);
  }

  /**
   * Validates and normalizes {@code node}, returning null when valid, else the reason.
   *
   * @param batchSentAt the batch's {@code sentAt}, used when the message has none; or null
   * @param correctSkew whether to correct the client's clock skew (live requests; not file imports,
   *     whose receipt time is not when the client sent them)
   * @param times out: the event time in {@code [0]}, the client's own event time (or null) in {@code [1]}
   */
  static Reason validate(JsonNode node, String impliedType, Instant receivedAt, Instant batchSentAt,
      boolean correctSkew, Instant[] times) {
    return validate(node, impliedType, receivedAt, batchSentAt, correctSkew, false, times);
  }

  /**
   * As above; {@code guarded} says the message's bytes already passed a {@link TokenGuard} (the
   * streaming scan), whose limits are then not checked a second time on the tree.
   */
  static Reason validate(JsonNode node, String impliedType, Instant receivedAt, Instant batchSentAt,
      boolean correctSkew, boolean guarded, Instant[] times) {
    if (!(node instanceof ObjectNode message)) {
      return NOT_AN_OBJECT;
    }
    Reason error = null;
    if (!guarded) {
      try {
        error = TokenGuard.of(message).error();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("reading a tree never fails", e);
      }
    }
    if (error == null) {
      error = checkType(message, impliedType);
    }
    if (error == null) {
      error = checkIds(message);
    }
    if (error == null) {
      error = checkShape(message);
    }
    if (error == null) {
      error = normalizeTimestamp(message, receivedAt, batchSentAt, correctSkew, times);
    }
    return error;
  }

  /**
   * The event time to log, as Segment computes it: with {@code sentAt} (the client's clock when it
   * sent the message), {@code receivedAt - (sentAt - clientTime)}, so that a client clock that is off
   * moves no event; without it the client's time; without that the receipt time.
   */
  static Instant eventTime(Instant clientTime, Instant sentAt, Instant receivedAt) {
    if (clientTime == null) {
      return receivedAt;
    }
    if (sentAt == null) {
      return clientTime;
    }
    return receivedAt.minus(java.time.Duration.between(clientTime, sentAt));
  }

  private static Reason checkType(ObjectNode m, String impliedType) {
    JsonNode type = m.get("type");
    if (type == null || type.isNull()) {
      if (impliedType == null) {
        return NO_TYPE;
      }
      m.put("type", impliedType);
      return null;
    }
    if (!type.isTextual()) {
      return TYPE_NOT_A_STRING;
    }
    if (!TYPES.contains(type.textValue())) {
      return unknownType(type.textValue());
    }
    if (impliedType != null && !impliedType.equals(type.textValue())) {
      return RejectionCode.BAD_MESSAGE_TYPE.because(
          "type '" + type.textValue() + "' does not match the endpoint /v1/" + impliedType);
    }
    return null;
  }

  private static Reason checkIds(ObjectNode m) {
    Reason error = coerceId(m, "userId");
    if (error == null) {
      error = coerceId(m, "anonymousId");
    }
    if (error == null) {
      error = coerceId(m, "messageId");
    }
    if (error != null) {
      return error;
    }
    if (!m.has("userId") && !m.has("anonymousId")) {
      return NO_USER;
    }
    if (!m.has("messageId")) {
      m.put("messageId", UUID.randomUUID().toString());
    }
    String type = m.get("type").textValue();
    if (type.equals("track")) {
      JsonNode event = m.get("event");
      if (event == null || event.isNull()) {
        return NO_EVENT;
      }
      if (!event.isTextual() || event.textValue().isBlank()) {
        return EMPTY_EVENT;
      }
    } else if (type.equals("alias")) {
      Reason e = coerceId(m, "previousId");
      if (e != null) {
        return e;
      }
      if (!m.has("previousId")) {
        return NO_PREVIOUS_ID;
      }
    } else if (type.equals("group")) {
      Reason e = coerceId(m, "groupId");
      if (e != null) {
        return e;
      }
      if (!m.has("groupId")) {
        return NO_GROUP_ID;
      }
    }
    return null;
  }

  /** Accepts a string or an integral number; removes nulls and empty strings. */
  private static Reason coerceId(ObjectNode m, String field) {
    JsonNode v = m.get(field);
    if (v == null) {
      return null;
    }
    if (v.isNull() || (v.isTextual() && v.textValue().isEmpty())) {
      m.remove(field);
      return null;
    }
    if (v.isIntegralNumber()) {
      m.put(field, v.asText());
      return null;
    }
    if (!v.isTextual()) {
      return RejectionCode.NOT_A_STRING.because(field + " must be a string");
    }
    if (v.textValue().length() > MAX_ID_LENGTH) {
      return tooLong(field);
    }
    return null;
  }

  private static Reason checkShape(ObjectNode m) {
    for (String f : OBJECT_FIELDS) {
      JsonNode v = m.get(f);
      if (v != null && !v.isNull() && !v.isObject()) {
        return RejectionCode.NOT_AN_OBJECT.because(f + " must be an object");
      }
    }
    JsonNode props = m.get("properties");
    if (props != null && props.isObject()) {
      for (String f : NUMBER_PROPERTIES) {
        JsonNode v = props.get(f);
        if (v != null && !v.isNull() && !v.isNumber()) {
          return RejectionCode.NOT_A_NUMBER.because("properties." + f + " must be a number, not " + describe(v));
        }
      }
      for (String f : new String[] {"session_id", "asset_id", "content_asset_id"}) {
        JsonNode v = props.get(f);
        if (v != null && !v.isNull() && !v.isTextual() && !v.isIntegralNumber()) {
          return RejectionCode.NOT_A_STRING.because("properties." + f + " must be a string");
        }
      }
    }
    return null;
  }

  private static Reason normalizeTimestamp(ObjectNode m, Instant receivedAt, Instant batchSentAt,
      boolean correctSkew, Instant[] out) {
    Instant ts = null;
    Instant sentAt = null;
    for (String field : new String[] {"timestamp", "originalTimestamp", "sentAt"}) {
      JsonNode v = m.get(field);
      if (v == null || v.isNull()) {
        continue;
      }
      if (!v.isTextual()) {
        return timeNotAString(field);
      }
      Instant parsed = parseInstant(v.textValue());
      if (parsed == null) {
        return notATime(field, v.textValue());
      }
      if (field.equals("sentAt")) {
        sentAt = parsed;
      } else if (ts == null) {
        ts = parsed;
      }
    }
    out[0] = correctSkew ? eventTime(ts, sentAt != null ? sentAt : batchSentAt, receivedAt)
        : ts == null ? receivedAt : ts;
    if (out.length > 1) {
      out[1] = ts;
    }
    m.put("timestamp", out[0].toString());
    m.put("receivedAt", receivedAt.toString());
    return null;
  }

  static Instant parseInstant(String text) {
    return IsoInstant.parse(text);
  }

  private static String describe(JsonNode v) {
    return v.isTextual() ? "the string '" + abbreviate(v.textValue()) + "'" : v.getNodeType().name().toLowerCase();
  }

  /** At most 40 characters of a client's value, for an error message. */
  static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
