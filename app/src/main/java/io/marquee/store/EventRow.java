package io.marquee.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.marquee.core.EventRecord;
import io.marquee.core.Title;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.duckdb.DuckDBAppender;

/**
 * One logged event as a row of the {@code events} table: typed media columns pulled out of
 * {@code properties} with a streaming parser, and {@code properties}, {@code traits} and
 * {@code context} kept as the JSON text the client sent (sliced, never re-serialized).
 */
final class EventRow implements LoggedEvent {
  final long logPosition;
  final EventRecord record;
  String event;
  String userId;
  String anonymousId;
  String previousId;
  String name;
  String sessionId;
  String assetId;
  String mediaType;
  Double position;
  Double totalLength;
  String properties;
  String traits;
  String context;
  private String title;
  private String program;
  private String genre;
  private String artist;
  private Integer season;
  private Integer episode;

  private EventRow(long logPosition, EventRecord record) {
    this.logPosition = logPosition;
    this.record = record;
  }

  static EventRow parse(JsonFactory factory, long logPosition, byte[] payload) throws IOException {
    EventRecord r = EventRecord.decode(payload);
    EventRow row = new EventRow(logPosition, r);
    try (JsonParser p = factory.createParser(r.bytes, r.jsonOffset, r.jsonLength)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("event " + r.messageId + " is not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        switch (field) {
          case "event" -> row.event = scalar(p, t);
          case "userId" -> row.userId = scalar(p, t);
          case "anonymousId" -> row.anonymousId = scalar(p, t);
          case "previousId" -> row.previousId = scalar(p, t);
          case "name" -> row.name = scalar(p, t);
          case "properties" -> row.properties = row.properties(p, t, r);
          case "traits" -> row.traits = slice(p, t, r);
          case "context" -> row.context = slice(p, t, r);
          default -> p.skipChildren();
        }
      }
    }
    if (row.mediaType == null && row.event != null && row.event.startsWith("Video ")) {
      row.mediaType = "video";
    }
    return row;
  }

  private String properties(JsonParser p, JsonToken t, EventRecord r) throws IOException {
    if (t != JsonToken.START_OBJECT) {
      p.skipChildren();
      return null;
    }
    int start = (int) p.currentTokenLocation().getByteOffset();
    String contentAssetId = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken v = p.nextToken();
      switch (field) {
        case "session_id" -> sessionId = scalar(p, v);
        case "asset_id" -> assetId = scalar(p, v);
        case "content_asset_id" -> contentAssetId = scalar(p, v);
        case "content_asset_ids" -> {
          if (v == JsonToken.START_ARRAY && p.nextToken() != JsonToken.END_ARRAY) {
            if (contentAssetId == null) {
              contentAssetId = scalar(p, p.currentToken());
            }
            p.skipChildren();
            while (p.nextToken() != JsonToken.END_ARRAY) {
              p.skipChildren();
            }
          } else {
            p.skipChildren();
          }
        }
        case "media_type" -> mediaType = scalar(p, v);
        case "position" -> position = number(p, v);
        case "total_length" -> totalLength = number(p, v);
        case "title" -> title = scalar(p, v);
        case "program" -> program = scalar(p, v);
        case "genre" -> genre = scalar(p, v);
        case "artist" -> artist = scalar(p, v);
        case "season" -> season = integer(p, v);
        case "episode" -> episode = integer(p, v);
        default -> p.skipChildren();
      }
    }
    if (assetId == null) {
      assetId = contentAssetId;
    }
    int end = (int) p.currentLocation().getByteOffset();
    return new String(r.bytes, r.jsonOffset + start, end - start, StandardCharsets.UTF_8);
  }

  private static String slice(JsonParser p, JsonToken t, EventRecord r) throws IOException {
    if (t != JsonToken.START_OBJECT) {
      p.skipChildren();
      return null;
    }
    int start = (int) p.currentTokenLocation().getByteOffset();
    p.skipChildren();
    int end = (int) p.currentLocation().getByteOffset();
    return new String(r.bytes, r.jsonOffset + start, end - start, StandardCharsets.UTF_8);
  }

  private static String scalar(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
      p.skipChildren();
      return null;
    }
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    String s = p.getValueAsString();
    return s == null || s.isEmpty() ? null : s;
  }

  private static Double number(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
      return p.getDoubleValue();
    }
    p.skipChildren();
    return null;
  }

  private static Integer integer(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
      return p.getIntValue();
    }
    if (t == JsonToken.VALUE_STRING) {
      try {
        return Integer.valueOf(p.getText().trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    p.skipChildren();
    return null;
  }

  @Override
  public Instant timestamp() {
    return instant(record.timestampMicros);
  }

  static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
  }

  private static LocalDateTime local(long micros) {
    return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
        (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
  }

  void append(DuckDBAppender a) throws SQLException {
    a.beginRow();
    a.append(logPosition);
    a.append(record.source);
    a.append(record.messageId);
    a.append(record.type);
    Appenders.appendNullable(a, event);
    Appenders.appendNullable(a, userId);
    Appenders.appendNullable(a, anonymousId);
    Appenders.appendNullable(a, previousId);
    Appenders.appendNullable(a, name);
    a.append(local(record.timestampMicros));
    a.append(local(record.receivedAtMicros));
    Appenders.appendNullable(a, sessionId);
    Appenders.appendNullable(a, assetId);
    Appenders.appendNullable(a, mediaType);
    Appenders.appendNullable(a, position);
    Appenders.appendNullable(a, totalLength);
    Appenders.appendNullable(a, properties);
    Appenders.appendNullable(a, traits);
    Appenders.appendNullable(a, context);
    if (record.originalTimestampMicros == EventRecord.NO_TIME) {
      a.appendNull();
    } else {
      a.append(local(record.originalTimestampMicros));
    }
    a.endRow();
  }

  /** The title this event describes, when it is a content event carrying catalog fields. */
  Title title() {
    if (assetId == null || event == null || event.startsWith("Video Ad ")
        || (title == null && program == null)) {
      return null;
    }
    String kind = "audio".equals(mediaType) ? "track" : episode != null ? "episode" : null;
    try {
      return new Title(assetId, title, kind, program, season, episode,
          genre == null ? List.of() : List.of(genre.toLowerCase(Locale.ROOT)), null,
          totalLength == null ? null : (int) Math.round(totalLength), mediaType, null, null,
          "audio".equals(mediaType) ? artist : null);
    } catch (IllegalArgumentException e) {
      return null; // a field over its FieldLimits: the event is kept, no title is derived from it
    }
  }

  @Override
  public long logPosition() {
    return logPosition;
  }

  @Override
  public String type() {
    return record.type;
  }

  @Override
  public String messageId() {
    return record.messageId;
  }

  @Override
  public String event() {
    return event;
  }

  @Override
  public String userId() {
    return userId;
  }

  @Override
  public String anonymousId() {
    return anonymousId;
  }

  @Override
  public String previousId() {
    return previousId;
  }

  @Override
  public String sessionId() {
    return sessionId;
  }

  @Override
  public String assetId() {
    return assetId;
  }

  @Override
  public String mediaType() {
    return mediaType;
  }

  @Override
  public Double position() {
    return position;
  }

  @Override
  public Double totalLength() {
    return totalLength;
  }

  @Override
  public String properties() {
    return properties;
  }

  @Override
  public String traits() {
    return traits;
  }

  @Override
  public String context() {
    return context;
  }

  boolean isPlayback() {
    return sessionId != null && "track".equals(record.type) && event != null;
  }

  PlaybackEvent playback() {
    return new PlaybackEvent(logPosition, sessionId, assetId, userId, anonymousId, event, timestamp(), position,
        totalLength, mediaType);
  }
}
