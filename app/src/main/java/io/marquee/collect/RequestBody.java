package io.marquee.collect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marquee.core.Reason;
import io.marquee.core.RejectionCode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed Tracking API request body: its messages with their sizes on the wire, and the optional
 * {@code writeKey} and batch-level {@code context}.
 *
 * <p>The envelope is strict: one JSON value and nothing after it, no key twice (two {@code batch}
 * arrays; {@code "userId":"x","userId":null} in a single message or the batch context, while
 * {@link MessageScanner} refuses it per message in a batch), at most {@link #MAX_DEPTH} levels of
 * nesting and {@link #MAX_TOKENS} tokens, and a bounded number of messages per batch, so the work a
 * request can cause is bounded whatever its shape. Every refusal names its reason.
 */
final class RequestBody {
  /** Deepest nesting accepted in a body (the envelope and a message together). */
  static final int MAX_DEPTH = 64;
  /** Most JSON tokens in one body; a 500 KB batch of ordinary messages has well under 100,000. */
  static final long MAX_TOKENS = 300_000;

  final List<JsonNode> messages;
  /** Where each message's bytes start in {@link #body}, or null when they are not to be reused. */
  final int[] starts;
  final MessageScanner.Scan[] scans;
  final java.time.Instant receivedAt;
  final int[] sizes;
  final byte[] body;
  final String writeKey;
  final ObjectNode context;
  /** The batch-level {@code sentAt}, or null. */
  java.time.Instant sentAt;

  private RequestBody(List<JsonNode> messages, byte[] body, int[] starts, int[] sizes,
      MessageScanner.Scan[] scans, java.time.Instant receivedAt, String writeKey, ObjectNode context) {
    this.messages = messages;
    this.scans = scans;
    this.receivedAt = receivedAt;
    this.body = body;
    this.starts = starts;
    this.sizes = sizes;
    this.writeKey = writeKey;
    this.context = context;
  }

  /** The messages with their original bytes, for the collector. */
  Collector.Raw raw() {
    return starts == null ? null : new Collector.Raw(body, starts, sizes, scans);
  }

  /**
   * Parses {@code {"batch":[...], "writeKey":..., "context":{...}}}, validating each message in the
   * same streaming pass ({@link MessageScanner}); a tree is built only for a message that needs one.
   */
  static RequestBody batch(ObjectMapper json, byte[] body, int maxMessages) throws BadRequest {
    java.time.Instant receivedAt = java.time.Instant.now();
    List<MessageScanner.Scan> scans = new ArrayList<>();
    List<JsonNode> messages = null;
    List<long[]> spans = new ArrayList<>();
    String writeKey = null;
    ObjectNode context = null;
    java.time.Instant sentAt = null;
    try (JsonParser p = json.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new BadRequest(RejectionCode.BAD_ENVELOPE, "body must be a JSON object with a 'batch' array");
      }
      java.util.Set<String> seen = new java.util.HashSet<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        if (!seen.add(field)) {
          throw new BadRequest(RejectionCode.DUPLICATE_KEY, field.equals("batch") ? "body has two 'batch' arrays"
              : "body has the key '" + MessageValidator.abbreviate(field) + "' twice" + describeAt(p));
        }
        switch (field) {
          case "batch" -> {
            if (t != JsonToken.START_ARRAY) {
              throw new BadRequest(RejectionCode.BAD_ENVELOPE, "'batch' must be an array of messages");
            }
            messages = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
              if (messages.size() == maxMessages) {
                throw new BadRequest(413, RejectionCode.TOO_MANY_MESSAGES, "batch has more than " + maxMessages + " messages");
              }
              long start = p.currentTokenLocation().getByteOffset();
              MessageScanner.Scan scan = MessageScanner.scan(p, receivedAt);
              long size = p.currentLocation().getByteOffset() - start;
              messages.add(scan.needsTree ? json.readTree(body, (int) start, (int) size) : null);
              scans.add(scan);
              spans.add(new long[] {start, size});
            }
          }
          case "writeKey" -> writeKey = t == JsonToken.VALUE_STRING ? p.getText() : null;
          case "context" -> {
            // small and once per batch: parsed strictly (duplicate keys refused), unlike messages,
            // whose duplicate keys MessageScanner reports per message
            long start = p.currentTokenLocation().getByteOffset();
            p.skipChildren();
            JsonNode c = t == JsonToken.START_OBJECT ? STRICT.readTree(body, (int) start,
                (int) (p.currentLocation().getByteOffset() - start)) : null;
            context = c instanceof ObjectNode o ? o : null;
          }
          case "sentAt" -> {
            if (t != JsonToken.VALUE_NULL) {
              sentAt = t == JsonToken.VALUE_STRING ? IsoInstant.parse(p.getText()) : null;
              if (sentAt == null) {
                throw new BadRequest(RejectionCode.BAD_TIMESTAMP, "sentAt must be an ISO-8601 date-time string");
              }
            }
          }
          default -> p.skipChildren();
        }
      }
      requireEnd(p);
    } catch (JsonProcessingException e) {
      throw invalidJson(e);
    } catch (IOException e) {
      throw new BadRequest(RejectionCode.BAD_JSON, "cannot read the body: " + e.getMessage());
    }
    if (messages == null) {
      throw new BadRequest(RejectionCode.BAD_ENVELOPE, "body has no 'batch' array");
    }
    int[] starts = new int[spans.size()];
    int[] sizes = new int[spans.size()];
    for (int i = 0; i < starts.length; i++) {
      starts[i] = (int) spans.get(i)[0];
      sizes[i] = (int) spans.get(i)[1];
    }
    RequestBody parsed = new RequestBody(messages, body, starts, sizes, scans.toArray(MessageScanner.Scan[]::new),
        receivedAt, writeKey, context);
    parsed.sentAt = sentAt;
    return parsed;
  }

  /** Parses a single-message body ({@code /v1/track} and the like). */
  static RequestBody single(ObjectMapper json, byte[] body) throws BadRequest {
    JsonNode n;
    try (JsonParser p = json.createParser(body)) {
      Reason limit = TokenGuard.of(json, body);
      if (limit != null) {
        // a tree keeps one of two equal keys: the guard sees the bytes, as the batch scan does
        throw new BadRequest(limit);
      }
      n = json.readTree(p);
      requireNothingAfter(p);
    } catch (JsonProcessingException e) {
      throw invalidJson(e);
    } catch (IOException e) {
      throw new BadRequest(RejectionCode.BAD_JSON, "cannot read the body: " + e.getMessage());
    }
    if (!(n instanceof ObjectNode message)) {
      throw new BadRequest(RejectionCode.NOT_AN_OBJECT, "body must be a JSON object (one message)");
    }
    JsonNode key = message.remove("writeKey");
    return new RequestBody(List.of(message), body, null, new int[] {body.length}, null,
        java.time.Instant.now(), key != null && key.isTextual() ? key.textValue() : null, null);
  }

  /**
   * The parser of batch envelopes: bounded in depth, tokens and lengths. Duplicate keys are checked
   * by hand at the top level and by {@link MessageScanner} in each message (a rejection of that
   * message alone), which is cheaper than the parser's own detection on every object.
   */
  static final ObjectMapper ENVELOPE = parser(false);
  /** The parser of single-message bodies and batch contexts: also refuses any key twice. */
  static final ObjectMapper STRICT = parser(true);


  private static ObjectMapper parser(boolean duplicates) {
    JsonFactory f = JsonFactory.builder()
        .configure(StreamReadFeature.STRICT_DUPLICATE_DETECTION, duplicates)
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(MAX_DEPTH)
            .maxTokenCount(MAX_TOKENS)
            .maxStringLength(Collector.MAX_MESSAGE_BYTES * 2)
            .maxNameLength(Collector.MAX_MESSAGE_BYTES)
            .maxNumberLength(400)
            .build())
        .build();
    return JsonMapper.builder(f).build();
  }

  /**
   * The top-level {@code writeKey} of a body, found without parsing the rest: other fields (the
   * batch array included) are skipped token by token, building nothing. Null when there is none.
   */
  static String writeKeyOf(ObjectMapper json, byte[] body) throws BadRequest {
    String key = null;
    try (JsonParser p = json.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new BadRequest(RejectionCode.BAD_ENVELOPE, "body must be a JSON object");
      }
      java.util.Set<String> seen = new java.util.HashSet<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        boolean isKey = p.currentName().equals("writeKey");
        if (!seen.add(p.currentName())) {
          throw new BadRequest(RejectionCode.DUPLICATE_KEY,
              "body has the key '" + MessageValidator.abbreviate(p.currentName()) + "' twice" + describeAt(p));
        }
        JsonToken t = p.nextToken();
        if (isKey) {
          key = t == JsonToken.VALUE_STRING ? p.getText() : null;
        } else {
          p.skipChildren();
        }
      }
      requireEnd(p);
    } catch (JsonProcessingException e) {
      throw invalidJson(e);
    } catch (IOException e) {
      throw new BadRequest(RejectionCode.BAD_JSON, "cannot read the body: " + e.getMessage());
    }
    return key;
  }

  /** After the body's closing brace there may be whitespace only. */
  private static void requireEnd(JsonParser p) throws IOException, BadRequest {
    if (p.currentToken() != JsonToken.END_OBJECT) {
      throw new BadRequest(RejectionCode.BAD_JSON, "body is not valid JSON: unexpected " + p.currentToken() + describeAt(p));
    }
    requireNothingAfter(p);
  }

  private static void requireNothingAfter(JsonParser p) throws IOException, BadRequest {
    JsonToken next;
    try {
      next = p.nextToken();
    } catch (JsonProcessingException e) {
      next = JsonToken.NOT_AVAILABLE;
    }
    if (next != null) {
      throw new BadRequest(RejectionCode.BAD_JSON, "body has data after its JSON object" + describeAt(p));
    }
  }

  private static String describeAt(JsonParser p) {
    JsonLocation at = p.currentTokenLocation();
    return " at line " + at.getLineNr() + ", column " + at.getColumnNr();
  }

  /**
   * The refusal of a body the parser gave up on: 413 when it broke a size constraint (depth, tokens,
   * lengths: Jackson says which only in its message), else 400.
   */
  private static BadRequest invalidJson(JsonProcessingException e) {
    String message = "body is not valid JSON: " + describe(e);
    if (!(e instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException)) {
      return new BadRequest(RejectionCode.BAD_JSON, message);
    }
    String what = e.getOriginalMessage().toLowerCase(java.util.Locale.ROOT);
    RejectionCode code = what.contains("nesting depth") ? RejectionCode.TOO_DEEP
        : what.contains("token count") ? RejectionCode.TOO_MANY_VALUES : RejectionCode.TOO_LARGE;
    return new BadRequest(413, code, message);
  }

  private static String describe(JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    String message = e.getOriginalMessage();
    int source = message.indexOf(" (for ");
    if (source > 0) {
      message = message.substring(0, source);
    }
    source = message.indexOf("[Source:");
    if (source > 0) {
      message = message.substring(0, source).trim();
    }
    return message + where;
  }

  /** The request as a whole is unusable; the message says why, the code what kind of problem it is. */
  static final class BadRequest extends Exception {
    private static final long serialVersionUID = 1L;
    /** The HTTP status that answers it: 400 unless a limit (413), an encoding (415) or time (408). */
    final int status;
    /** The stable code of the refusal. */
    final transient RejectionCode code;

    BadRequest(RejectionCode code, String message) {
      this(400, code, message);
    }

    BadRequest(Reason reason) {
      this(400, reason.code(), reason.message());
    }

    BadRequest(int status, RejectionCode code, String message) {
      super(message, null, false, false);
      this.status = status;
      this.code = code;
    }
  }
}
