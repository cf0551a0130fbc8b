package io.marquee.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The API keys file {@code DIR/api-keys.json}, owner-only, replaced atomically on every change:
 *
 * <pre>
 * {"format": "marquee-api-keys/1",
 *  "keys": [{"id": "3f9a1c2b7d4e", "role": "admin", "sha256": "64 hex",
 *            "created": "2024-05-01T12:00:00Z", "revoked": null}]}
 * </pre>
 *
 * <p>{@code sha256} is the digest of the whole key string; the key itself is never stored.
 */
final class ApiKeyFile {
  static final String NAME = "api-keys.json";
  static final String FORMAT = "marquee-api-keys/1";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** One key as stored. */
  record Stored(String id, Role role, byte[] sha256, Instant created, Instant revoked) {
    ApiKeyInfo info() {
      return new ApiKeyInfo(id, role, created, revoked);
    }

    Stored revokedAt(Instant when) {
      return new Stored(id, role, sha256, created, when);
    }
  }

  private ApiKeyFile() {}

  /** The keys in file order, by id; none if the file is absent. */
  static Map<String, Stored> read(Path file) throws IOException {
    Map<String, Stored> keys = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return keys;
    }
    JsonNode root = JSON.readTree(file.toFile());
    if (root == null || !FORMAT.equals(root.path("format").asText()) || !root.path("keys").isArray()) {
      throw new IOException(file + " is not a " + FORMAT + " file");
    }
    for (JsonNode k : root.get("keys")) {
      try {
        String id = k.get("id").textValue();
        JsonNode revoked = k.path("revoked");
        keys.put(id, new Stored(id, Role.parse(k.get("role").textValue()),
            HexFormat.of().parseHex(k.get("sha256").textValue()),
            Instant.parse(k.get("created").textValue()),
            revoked.isTextual() ? Instant.parse(revoked.textValue()) : null));
      } catch (NullPointerException | IllegalArgumentException | DateTimeParseException e) {
        throw new IOException(file + " has a damaged key entry");
      }
    }
    return keys;
  }

  static byte[] render(Collection<Stored> keys) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    ArrayNode list = root.putArray("keys");
    for (Stored s : keys) {
      ObjectNode k = list.addObject();
      k.put("id", s.id());
      k.put("role", s.role().wireName());
      k.put("sha256", HexFormat.of().formatHex(s.sha256()));
      k.put("created", s.created().toString());
      if (s.revoked() == null) {
        k.putNull("revoked");
      } else {
        k.put("revoked", s.revoked().toString());
      }
    }
    return (JSON.writeValueAsString(root) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
