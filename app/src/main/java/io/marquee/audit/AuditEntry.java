package io.marquee.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One line of the audit log.
 *
 * <p>Wire format, one JSON object a line, fields in this order:
 * {@code {"seq":1,"time":"2024-05-01T12:00:00.123Z","actor":"key:3f9a1c2b7d4e","action":"pii.read",
 * "subject":"<32 hex>"|null,"details":{"k":"v",...},"prev":"<64 hex>","hash":"<64 hex>"}}.
 * {@code hash} is the hex SHA-256 of the canonical line without {@code hash} (the same fields in
 * the same order, {@code details} keys sorted, no whitespace, Jackson's string escaping), which
 * contains {@code prev}, the previous entry's hash (64 zeros for the first).
 *
 * @param subject the keyed hash of the user concerned ({@link AuditLog#subjectOf}), or null
 */
public record AuditEntry(long seq, String time, String actor, String action, String subject,
    Map<String, String> details, String prev, String hash) {
  /** The {@code prev} of the first entry. */
  public static final String GENESIS = "0".repeat(64);
  private static final JsonFactory JSON = new JsonFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> FIELDS =
      Set.of("seq", "time", "actor", "action", "subject", "details", "prev", "hash");

  public AuditEntry {
    details = Collections.unmodifiableMap(new TreeMap<>(details));
  }

  /** A new entry with its hash computed. */
  static AuditEntry chained(long seq, String time, String actor, String action, String subject,
      Map<String, String> details, String prev) {
    AuditEntry e = new AuditEntry(seq, time, actor, action, subject, details, prev, "");
    return new AuditEntry(seq, time, actor, action, subject, details, prev, e.computeHash());
  }

  /** The SHA-256 this entry's content and {@code prev} call for. */
  String computeHash() {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256")
          .digest(json(false).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The log line, without its newline. */
  String toLine() {
    return json(true);
  }

  private String json(boolean withHash) {
    StringWriter w = new StringWriter(256);
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      g.writeNumberField("seq", seq);
      g.writeStringField("time", time);
      g.writeStringField("actor", actor);
      g.writeStringField("action", action);
      g.writeStringField("subject", subject);
      g.writeObjectFieldStart("details");
      for (Map.Entry<String, String> e : details.entrySet()) {
        g.writeStringField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      g.writeStringField("prev", prev);
      if (withHash) {
        g.writeStringField("hash", hash);
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  /** Parses a log line; throws {@link IllegalArgumentException} saying what is wrong. */
  static AuditEntry parse(String line) {
    JsonNode n;
    try {
      n = MAPPER.readTree(line);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON");
    }
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    for (Map.Entry<String, JsonNode> f : n.properties()) {
      if (!FIELDS.contains(f.getKey())) {
        throw new IllegalArgumentException("unexpected field " + f.getKey());
      }
    }
    JsonNode seq = n.get("seq");
    if (seq == null || !seq.isIntegralNumber() || !seq.canConvertToLong()) {
      throw new IllegalArgumentException("no integer seq");
    }
    JsonNode subject = n.get("subject");
    if (subject == null || !(subject.isNull() || subject.isTextual())) {
      throw new IllegalArgumentException("subject must be a string or null");
    }
    JsonNode details = n.get("details");
    if (details == null || !details.isObject()) {
      throw new IllegalArgumentException("details must be an object");
    }
    Map<String, String> d = new TreeMap<>();
    for (Map.Entry<String, JsonNode> f : details.properties()) {
      if (!f.getValue().isTextual()) {
        throw new IllegalArgumentException("detail " + f.getKey() + " must be a string");
      }
      d.put(f.getKey(), f.getValue().textValue());
    }
    return new AuditEntry(seq.longValue(), text(n, "time"), text(n, "actor"), text(n, "action"),
        subject.isNull() ? null : subject.textValue(), d, text(n, "prev"), text(n, "hash"));
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException(field + " must be a string");
    }
    return v.textValue();
  }
}
