package io.marquee.collect;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed Tracking API request body: its messages with their sizes on the wire, and the optional
 * {@code writeKey} and batch-level {@code context}.
 */
final class RequestBody {
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
  static RequestBody batch(ObjectMapper json, byte[] body) throws BadRequest {
    java.time.Instant receivedAt = java.time.Instant.now();
    List<MessageScanner.Scan> scans = new ArrayList<>();
    List<JsonNode> messages = null;
    List<long[]> spans = new ArrayList<>();
    String writeKey = null;
    ObjectNode context = null;
    java.time.Instant sentAt = null;
    try (JsonParser p = json.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new BadRequest("body must be a JSON object with a 'batch' array");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        switch (field) {
          case "batch" -> {
            if (t != JsonToken.START_ARRAY) {
              throw new BadRequest("'batch' must be an array of messages");
            }
            messages = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
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
            JsonNode c = p.readValueAsTree();
            context = c instanceof ObjectNode o ? o : null;
          }
          case "sentAt" -> {
            if (t != JsonToken.VALUE_NULL) {
              sentAt = t == JsonToken.VALUE_STRING ? IsoInstant.parse(p.getText()) : null;
              if (sentAt == null) {
                throw new BadRequest("sentAt must be an ISO-8601 date-time string");
              }
            }
          }
          default -> p.skipChildren();
        }
      }
    } catch (JsonProcessingException e) {
      throw new BadRequest("body is not valid JSON: " + describe(e));
    } catch (IOException e) {
      throw new BadRequest("cannot read the body: " + e.getMessage());
    }
    if (messages == null) {
      throw new BadRequest("body has no 'batch' array");
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
    try {
      String limit = TokenGuard.of(json, body);
      if (limit != null) {
        // a tree keeps one of two equal keys: the guard sees the bytes, as the batch scan does
        throw new BadRequest(limit);
      }
      n = json.readTree(body);
    } catch (JsonProcessingException e) {
      throw new BadRequest("body is not valid JSON: " + describe(e));
    } catch (IOException e) {
      throw new BadRequest("cannot read the body: " + e.getMessage());
    }
    if (!(n instanceof ObjectNode message)) {
      throw new BadRequest("body must be a JSON object (one message)");
    }
    JsonNode key = message.remove("writeKey");
    return new RequestBody(List.of(message), body, null, new int[] {body.length}, null,
        java.time.Instant.now(), key != null && key.isTextual() ? key.textValue() : null, null);
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

  /** The request as a whole is unusable; the message says why. */
  static final class BadRequest extends Exception {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
      super(message);
    }
  }
}
