package io.marquee.collect;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.marquee.core.ConsentChoice;
import io.marquee.core.Reason;
import io.marquee.core.RejectionCode;
import java.io.IOException;
import java.time.Instant;

/**
 * Validates one batch message in a single streaming pass, without building a tree: the collector's
 * hot path. It applies the same rules, with the same messages, as {@link MessageValidator}, which
 * handles whatever this scanner hands back as needing a tree (a message to be rewritten before it is
 * logged, such as one carrying a {@code writeKey}, or one that may hold card or personal data).
 *
 * <p>Every token of the message passes through a {@link TokenGuard}, so the limits (depth, values,
 * duplicate keys, non-finite numbers) and the card and personal-data pre-filter see every field
 * name and scalar, including those this scanner skips.
 */
final class MessageScanner {
  private static final int MAX_ID_LENGTH = io.marquee.core.FieldLimits.MAX_ID;

  /** What a scan found: an error, a request for the tree path, or the fields the log header needs. */
  static final class Scan {
    Reason error;
    boolean needsTree;
    String type;
    String messageId;
    String userId;
    String anonymousId;
    /** The event time the collector logs: the client's, corrected by the message's own sentAt. */
    Instant timestamp;
    /** The client's event time ({@code timestamp}, else {@code originalTimestamp}), or null. */
    Instant clientTime;
    /** The message's own {@code sentAt}, or null. */
    Instant sentAt;
    private boolean hasUser;
    private boolean hasEvent;
    private boolean hasPreviousId;
    private boolean hasGroupId;
    private Reason typeError;
    /** Errors per id field, in the order the tree validator checks them: userId, anonymousId, messageId. */
    private final Reason[] idErrors = new Reason[3];
    /** Errors per object field: properties, traits, context, integrations. */
    private final Reason[] objectErrors = new Reason[4];
    /** Errors per typed property: position, total_length, rating, session_id, asset_id, content_asset_id. */
    private final Reason[] propertyErrors = new Reason[6];
    /** Errors per time field: timestamp, originalTimestamp, sentAt. */
    private final Reason[] timeErrors = new Reason[3];
    private Reason limitError;
    private Reason previousIdError;
    private Reason groupIdError;
    private Reason eventError;
    private Instant originalTimestamp;
  }

  private static final Reason NOT_AN_OBJECT = MessageValidator.NOT_AN_OBJECT;

  private MessageScanner() {}

  /** Scans the value at the parser's current token (consuming it) and decides. */
  static Scan scan(JsonParser raw, Instant receivedAt) throws IOException {
    Scan s = new Scan();
    if (raw.currentToken() != JsonToken.START_OBJECT) {
      raw.skipChildren();
      s.error = NOT_AN_OBJECT;
      return s;
    }
    TokenGuard guard = TokenGuard.reused(raw);
    try {
      return scan(s, guard, receivedAt);
    } finally {
      guard.release();
    }
  }

  private static Scan scan(Scan s, TokenGuard guard, Instant receivedAt) throws IOException {
    JsonParser p = guard;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = p.nextToken();
      switch (field) {
        case "type" -> type(s, p, t);
        case "userId", "anonymousId", "messageId" -> {
          Reason[] error = new Reason[1];
          boolean present = id(error, p, t, field);
          s.idErrors[field.equals("userId") ? 0 : field.equals("anonymousId") ? 1 : 2] = error[0];
          if (field.equals("messageId")) {
            s.messageId = present ? p.getValueAsString() : null;
          } else {
            s.hasUser |= present;
            if (present && field.equals("userId")) {
              s.userId = p.getValueAsString();
            } else if (present) {
              s.anonymousId = p.getValueAsString();
            }
          }
        }
        case "previousId" -> {
          Reason[] error = new Reason[1];
          s.hasPreviousId = id(error, p, t, field);
          s.previousIdError = error[0];
        }
        case "groupId" -> {
          Reason[] error = new Reason[1];
          s.hasGroupId = id(error, p, t, field);
          s.groupIdError = error[0];
        }
        case "event" -> {
          if (t == JsonToken.VALUE_NULL) {
            break;
          }
          s.hasEvent = true;
          if (t != JsonToken.VALUE_STRING || p.getText().isBlank()) {
            if (s.eventError == null) {
              s.eventError = MessageValidator.EMPTY_EVENT;
            }
            p.skipChildren();
          }
        }
        case "properties" -> properties(s, p, t);
        case "traits" -> {
          s.needsTree |= t == JsonToken.START_OBJECT;
          object(s, p, t, field);
        }
        case "context" -> context(s, p, t);
        case "integrations" -> object(s, p, t, field);
        case "timestamp", "originalTimestamp", "sentAt" -> timestamp(s, p, t, field);
        case "writeKey" -> {
          s.needsTree = true;
          p.skipChildren();
        }
        default -> p.skipChildren();
      }
    }
    s.needsTree |= guard.sensitive();
    s.limitError = guard.error();
    decide(s, receivedAt);
    if (s.error == null && (s.type.equals("identify") || s.type.equals("group"))) {
      s.needsTree = true;
    }
    return s;
  }

  private static void decide(Scan s, Instant receivedAt) {
    if (s.limitError != null) {
      s.error = s.limitError;
    } else if (s.typeError != null) {
      s.error = s.typeError;
    } else if (s.type == null) {
      s.error = MessageValidator.NO_TYPE;
    } else if (first(s.idErrors) != null) {
      s.error = first(s.idErrors);
    } else if (!s.hasUser) {
      s.error = MessageValidator.NO_USER;
    } else if (s.type.equals("track") && !s.hasEvent) {
      s.error = MessageValidator.NO_EVENT;
    } else if (s.type.equals("track") && s.eventError != null) {
      s.error = s.eventError;
    } else if (s.type.equals("alias") && s.previousIdError != null) {
      s.error = s.previousIdError;
    } else if (s.type.equals("alias") && !s.hasPreviousId) {
      s.error = MessageValidator.NO_PREVIOUS_ID;
    } else if (s.type.equals("group") && s.groupIdError != null) {
      s.error = s.groupIdError;
    } else if (s.type.equals("group") && !s.hasGroupId) {
      s.error = MessageValidator.NO_GROUP_ID;
    } else if (first(s.objectErrors) != null) {
      s.error = first(s.objectErrors);
    } else if (first(s.propertyErrors) != null) {
      s.error = first(s.propertyErrors);
    } else if (first(s.timeErrors) != null) {
      s.error = first(s.timeErrors);
    } else {
      s.clientTime = s.timestamp != null ? s.timestamp : s.originalTimestamp;
      s.timestamp = MessageValidator.eventTime(s.clientTime, s.sentAt, receivedAt);
      if (s.messageId == null) {
        s.messageId = java.util.UUID.randomUUID().toString();
      }
    }
  }

  private static Reason first(Reason[] errors) {
    for (Reason e : errors) {
      if (e != null) {
        return e;
      }
    }
    return null;
  }

  private static void type(Scan s, JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return;
    }
    if (t != JsonToken.VALUE_STRING) {
      s.typeError = MessageValidator.TYPE_NOT_A_STRING;
      p.skipChildren();
      return;
    }
    String v = p.getText();
    if (!MessageValidator.TYPES.contains(v)) {
      s.typeError = MessageValidator.unknownType(v);
    } else {
      s.type = v;
    }
  }

  /** Checks an id field; true when it holds a usable id. The first problem goes to {@code error[0]}. */
  private static boolean id(Reason[] error, JsonParser p, JsonToken t, String field) throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return false;
    }
    if (t == JsonToken.VALUE_NUMBER_INT) {
      return true;
    }
    if (t != JsonToken.VALUE_STRING) {
      if (error[0] == null) {
        error[0] = RejectionCode.NOT_A_STRING.because(field + " must be a string");
      }
      p.skipChildren();
      return false;
    }
    int length = p.getTextLength();
    if (length > MAX_ID_LENGTH && error[0] == null) {
      error[0] = MessageValidator.tooLong(field);
    }
    return length > 0;
  }

  private static void object(Scan s, JsonParser p, JsonToken t, String field) throws IOException {
    if (t != JsonToken.START_OBJECT && t != JsonToken.VALUE_NULL) {
      int slot = switch (field) {
        case "properties" -> 0;
        case "traits" -> 1;
        case "context" -> 2;
        default -> 3;
      };
      s.objectErrors[slot] = RejectionCode.NOT_AN_OBJECT.because(field + " must be an object");
    }
    p.skipChildren();
  }

  private static void properties(Scan s, JsonParser p, JsonToken t) throws IOException {
    if (t != JsonToken.START_OBJECT) {
      object(s, p, t, "properties");
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      JsonToken v = p.nextToken();
      switch (f) {
        case "position", "total_length", "rating" -> {
          if (v != JsonToken.VALUE_NUMBER_INT && v != JsonToken.VALUE_NUMBER_FLOAT && v != JsonToken.VALUE_NULL) {
            int slot = f.equals("position") ? 0 : f.equals("total_length") ? 1 : 2;
            s.propertyErrors[slot] = RejectionCode.NOT_A_NUMBER.because("properties." + f + " must be a number, not "
                + describe(p, v));
          }
        }
        case "session_id", "asset_id", "content_asset_id" -> {
          if (v != JsonToken.VALUE_STRING && v != JsonToken.VALUE_NUMBER_INT && v != JsonToken.VALUE_NULL) {
            int slot = f.equals("session_id") ? 3 : f.equals("asset_id") ? 4 : 5;
            s.propertyErrors[slot] = RejectionCode.NOT_A_STRING.because("properties." + f + " must be a string");
          }
        }
        default -> {
          // consent choices are recorded from the tree (ConsentChoice), once the message is durable;
          // everything else under properties is seen by the guard as it is skipped
          s.needsTree |= f.equals(ConsentChoice.PREFERENCES);
        }
      }
      p.skipChildren();
    }
  }

  /** {@code context}: traits, an IP address or consent preferences need the tree path (privacy rules). */
  private static void context(Scan s, JsonParser p, JsonToken t) throws IOException {
    if (t != JsonToken.START_OBJECT) {
      object(s, p, t, "context");
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      JsonToken v = p.nextToken();
      s.needsTree |= f.equals("traits") || f.equals("ip") || f.equals("consent");
      p.skipChildren();
    }
  }

  private static void timestamp(Scan s, JsonParser p, JsonToken t, String field) throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return;
    }
    int slot = field.equals("timestamp") ? 0 : field.equals("originalTimestamp") ? 1 : 2;
    if (t != JsonToken.VALUE_STRING) {
      s.timeErrors[slot] = MessageValidator.timeNotAString(field);
      p.skipChildren();
      return;
    }
    String text = p.getText();
    Instant parsed = IsoInstant.parse(text);
    if (parsed == null) {
      s.timeErrors[slot] = MessageValidator.notATime(field, text);
    } else if (slot == 0) {
      s.timestamp = parsed;
    } else if (slot == 1) {
      s.originalTimestamp = parsed;
    } else {
      s.sentAt = parsed;
    }
  }

  private static String describe(JsonParser p, JsonToken v) throws IOException {
    return switch (v) {
      case VALUE_STRING -> {
        String text = p.getText();
        yield "the string '" + MessageValidator.abbreviate(text) + "'";
      }
      case VALUE_TRUE, VALUE_FALSE -> "boolean";
      case START_OBJECT -> "object";
      case START_ARRAY -> "array";
      default -> v.name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
