package io.marquee.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marquee.core.Title;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.duckdb.DuckDBAppender;

/**
 * One normalized Segment message as a row of the {@code events} table: typed media columns pulled
 * out of {@code properties}, the rest kept as JSON.
 */
final class EventRow {
  final long logPosition;
  final ObjectNode message;
  final String type;
  final String event;
  final String sessionId;
  final String assetId;
  final String mediaType;
  final Double position;
  final Double totalLength;
  final Instant timestamp;

  EventRow(long logPosition, ObjectNode message) {
    this.logPosition = logPosition;
    this.message = message;
    this.type = text(message, "type");
    this.event = text(message, "event");
    this.timestamp = Instant.parse(message.get("timestamp").textValue());
    JsonNode p = message.get("properties");
    if (p instanceof ObjectNode props) {
      sessionId = text(props, "session_id");
      String asset = text(props, "asset_id");
      if (asset == null) {
        asset = text(props, "content_asset_id");
      }
      if (asset == null && props.get("content_asset_ids") instanceof com.fasterxml.jackson.databind.node.ArrayNode ids
          && !ids.isEmpty()) {
        asset = ids.get(0).asText();
      }
      assetId = asset;
      String media = text(props, "media_type");
      mediaType = media != null ? media : (event != null && event.startsWith("Video ") ? "video" : null);
      position = number(props, "position");
      totalLength = number(props, "total_length");
    } else {
      sessionId = null;
      assetId = null;
      mediaType = null;
      position = null;
      totalLength = null;
    }
  }

  void append(DuckDBAppender a, ObjectMapper json) throws SQLException {
    a.beginRow();
    a.append(logPosition);
    Appenders.appendNullable(a, text(message, "_source"));
    a.append(text(message, "messageId"));
    a.append(type);
    Appenders.appendNullable(a, event);
    Appenders.appendNullable(a, text(message, "userId"));
    Appenders.appendNullable(a, text(message, "anonymousId"));
    Appenders.appendNullable(a, text(message, "previousId"));
    Appenders.appendNullable(a, text(message, "name"));
    Appenders.appendNullable(a, timestamp);
    Appenders.appendNullable(a, Instant.parse(message.get("receivedAt").textValue()));
    Appenders.appendNullable(a, sessionId);
    Appenders.appendNullable(a, assetId);
    Appenders.appendNullable(a, mediaType);
    Appenders.appendNullable(a, position);
    Appenders.appendNullable(a, totalLength);
    appendJson(a, json, message.get("properties"));
    appendJson(a, json, traits());
    appendJson(a, json, message.get("context"));
    a.endRow();
  }

  private JsonNode traits() {
    JsonNode t = message.get("traits");
    if (t == null && message.get("context") instanceof ObjectNode c) {
      t = c.get("traits");
    }
    return t;
  }

  /** The title this event describes, when it is a content event carrying catalog fields. */
  Title title() {
    if (assetId == null || event == null || event.startsWith("Video Ad ")
        || !(message.get("properties") instanceof ObjectNode p)) {
      return null;
    }
    String name = text(p, "title");
    String program = text(p, "program");
    if (name == null && program == null) {
      return null;
    }
    Integer season = integer(p, "season");
    Integer episode = integer(p, "episode");
    String genre = text(p, "genre");
    String kind = "audio".equals(mediaType) ? "track" : episode != null ? "episode" : null;
    return new Title(assetId, name, kind, program, season, episode,
        genre == null ? List.of() : List.of(genre.toLowerCase(java.util.Locale.ROOT)), null,
        totalLength == null ? null : (int) Math.round(totalLength), mediaType, null);
  }

  PlaybackEvent playback() {
    return new PlaybackEvent(sessionId, assetId, text(message, "userId"), text(message, "anonymousId"),
        event, timestamp, position, totalLength, mediaType);
  }

  private static void appendJson(DuckDBAppender a, ObjectMapper json, JsonNode node) throws SQLException {
    if (node == null || node.isNull()) {
      a.appendNull();
    } else {
      try {
        a.append(json.writeValueAsString(node));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new SQLException("cannot render JSON column", e);
      }
    }
  }

  static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull() || v.isContainerNode()) {
      return null;
    }
    return v.asText();
  }

  private static Double number(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v != null && v.isNumber() ? v.doubleValue() : null;
  }

  private static Integer integer(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isNumber()) {
      return v.intValue();
    }
    try {
      return Integer.valueOf(v.asText().trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
