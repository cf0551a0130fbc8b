package io.marquee.kafka.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marquee.access.ApiKeyEntry;
import io.marquee.access.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The wire format of the control topic. A record key is a JSON array of strings, its first element
 * the kind; a value is a JSON object; a null value is a tombstone.
 *
 * <pre>
 * ["api-key", ID]              {"role": "admin", "sha256": HEX, "created": ISO, "revoked": ISO|null}
 * ["write-key", SHA256_HEX]    {}
 * ["suppression-salt"]         {"salt": BASE64}
 * ["suppressed", DIGEST_HEX]   {}                        salted SHA-256 of an erased id
 * ["consent", USER_ID, CATEGORY] {"allowed": true|false}  tombstone: forgotten by an erasure
 * ["vault-index"]              {"master": ID, "index": BASE64}   entry-id key wrapped by the master key
 * ["data-key", ENTRY_ID]       {"master": ID, "wrapped": BASE64} tombstone: the user was erased
 * </pre>
 *
 * <p>Nothing here is a secret in the clear: API and write keys travel as SHA-256 digests, data keys
 * and the entry-id key wrapped by the master key, erased ids as salted digests, users of data keys by
 * entry id. User ids appear in consent keys only, as they do in the events topic's record keys
 * (e-mail-shaped ids are pseudonyms by then).
 */
final class ControlRecords {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64 = Base64.getEncoder();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  /** The kinds of record, by the name that opens their key. */
  enum Kind {
    API_KEY("api-key", 1), WRITE_KEY("write-key", 1), SUPPRESSION_SALT("suppression-salt", 0),
    SUPPRESSED("suppressed", 1), CONSENT("consent", 2), VAULT_INDEX("vault-index", 0), DATA_KEY("data-key", 1);

    final String wire;
    final int parts;

    Kind(String wire, int parts) {
      this.wire = wire;
      this.parts = parts;
    }

    static Kind of(String wire) {
      for (Kind k : values()) {
        if (k.wire.equals(wire)) {
          return k;
        }
      }
      return null;
    }
  }

  /** A decoded record key: its kind and the parts after it. */
  record Key(Kind kind, List<String> parts) {
    String part(int i) {
      return parts.get(i);
    }
  }

  private ControlRecords() {}

  static byte[] key(Kind kind, String... parts) {
    if (parts.length != kind.parts) {
      throw new IllegalArgumentException(kind.wire + " keys have " + kind.parts + " parts");
    }
    ArrayNode a = JSON.createArrayNode();
    a.add(kind.wire);
    for (String p : parts) {
      a.add(p);
    }
    return bytes(a);
  }

  /** The key, or null for a malformed key or a kind this version does not know. */
  static Key decodeKey(byte[] key) {
    JsonNode a = tree(key);
    if (a == null || !a.isArray() || a.isEmpty() || !a.get(0).isTextual()) {
      return null;
    }
    Kind kind = Kind.of(a.get(0).textValue());
    if (kind == null || a.size() != kind.parts + 1) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    for (int i = 1; i < a.size(); i++) {
      if (!a.get(i).isTextual() || a.get(i).textValue().isEmpty()) {
        return null;
      }
      parts.add(a.get(i).textValue());
    }
    return new Key(kind, parts);
  }

  static byte[] apiKey(ApiKeyEntry e) {
    ObjectNode o = JSON.createObjectNode();
    o.put("role", e.role().wireName());
    o.put("sha256", HexFormat.of().formatHex(e.sha256()));
    o.put("created", e.created().toString());
    if (e.revoked() == null) {
      o.putNull("revoked");
    } else {
      o.put("revoked", e.revoked().toString());
    }
    return bytes(o);
  }

  static ApiKeyEntry readApiKey(String id, byte[] value) {
    JsonNode o = object(value);
    JsonNode revoked = o.path("revoked");
    return new ApiKeyEntry(id, Role.parse(o.path("role").asText()), HexFormat.of().parseHex(o.path("sha256").asText()),
        Instant.parse(o.path("created").asText()), revoked.isTextual() ? Instant.parse(revoked.textValue()) : null);
  }

  /** The value of a record whose key says it all (a write key, a suppression). */
  static byte[] present() {
    return bytes(JSON.createObjectNode());
  }

  static byte[] salt(byte[] salt) {
    ObjectNode o = JSON.createObjectNode();
    o.put("salt", B64.encodeToString(salt));
    return bytes(o);
  }

  static byte[] readSalt(byte[] value) {
    return B64D.decode(object(value).path("salt").asText());
  }

  static byte[] consent(boolean allowed) {
    ObjectNode o = JSON.createObjectNode();
    o.put("allowed", allowed);
    return bytes(o);
  }

  static boolean readConsent(byte[] value) {
    JsonNode v = object(value).get("allowed");
    if (v == null || !v.isBoolean()) {
      throw new IllegalArgumentException("a consent record holds a boolean 'allowed'");
    }
    return v.booleanValue();
  }

  /** A key wrapped by a master key: the vault index or a user's data key. */
  record Wrapped(String masterId, byte[] bytes) {}

  static byte[] vaultIndex(String masterId, byte[] wrappedIndex) {
    ObjectNode o = JSON.createObjectNode();
    o.put("master", masterId);
    o.put("index", B64.encodeToString(wrappedIndex));
    return bytes(o);
  }

  static Wrapped readVaultIndex(byte[] value) {
    JsonNode o = object(value);
    return new Wrapped(o.path("master").asText(), B64D.decode(o.path("index").asText()));
  }

  static byte[] dataKey(String masterId, byte[] wrapped) {
    ObjectNode o = JSON.createObjectNode();
    o.put("master", masterId);
    o.put("wrapped", B64.encodeToString(wrapped));
    return bytes(o);
  }

  static Wrapped readDataKey(byte[] value) {
    JsonNode o = object(value);
    return new Wrapped(o.path("master").asText(), B64D.decode(o.path("wrapped").asText()));
  }

  private static JsonNode object(byte[] value) {
    JsonNode o = tree(value);
    if (o == null || !o.isObject()) {
      throw new IllegalArgumentException("a control record's value is a JSON object");
    }
    return o;
  }

  private static JsonNode tree(byte[] b) {
    try {
      return b == null ? null : JSON.readTree(b);
    } catch (IOException e) {
      return null;
    }
  }

  private static byte[] bytes(JsonNode n) {
    try {
      return JSON.writeValueAsBytes(n);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
