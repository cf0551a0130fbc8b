package io.marquee.adexport;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.marquee.store.Store;
import io.marquee.vault.ErasedException;
import io.marquee.vault.KeyVault;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The decrypted personal fields of a batch of users, read as {@code ProfileReader} reads one user's
 * (the sealed {@code _vault} objects of their identify events, latest last, each field named by its
 * path: {@code email}, {@code contact.email}), but with one query for the whole batch on the small
 * {@code sealed_traits} table ({@link SealedTraitsProjection}) rather than a scan of {@code events}.
 *
 * <p>What it returns is plaintext: the export keeps a batch in memory while it writes its lines (and the
 * next one, read ahead on a second thread) and drops it once written; nothing here logs or stores it.
 * Safe to call from two threads at once (the vault is).
 */
final class PersonalFields {
  /** Users per query: bounds the memory a batch holds. */
  static final int BATCH = 2_000;
  /**
   * The batch's ids as a table {@code (user_id)}, from one bound JSON array: a statement with an
   * {@code IN} list of 2,000 placeholders took four times as long to bind and plan as to run.
   */
  static final String IDS = "(SELECT unnest(from_json(?, '[\"VARCHAR\"]')) AS user_id)";
  private static final ObjectMapper IDS_JSON = new ObjectMapper();
  private final Store store;
  private final KeyVault vault;
  private final ObjectMapper json;

  PersonalFields(Store store, KeyVault vault, ObjectMapper json) {
    this.store = store;
    this.vault = vault;
    this.json = json;
  }

  /** The ids as the JSON array {@link #IDS} binds. */
  static String array(List<String> userIds) {
    try {
      return IDS_JSON.writeValueAsString(userIds);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a list of strings is always JSON", e);
    }
  }

  /**
   * Each user's personal fields by path, for the users that have any and whose data key exists
   * (an erased user has none); empty without a vault.
   */
  Map<String, ObjectNode> read(List<String> userIds) throws SQLException, IOException {
    Map<String, Map<String, String[]>> sealed = new HashMap<>();
    if (vault == null || userIds.isEmpty()) {
      return Map.of();
    }
    try (Connection c = store.readConnection(); PreparedStatement p = c.prepareStatement(
        "SELECT s.user_id, s.vault FROM " + SealedTraitsProjection.TABLE + " s JOIN " + IDS + " b ON b.user_id = s.user_id "
            + "ORDER BY s.user_id, s.observed_at, s.log_pos")) {
      p.setString(1, array(userIds));
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          sealedFields(r.getString(2), sealed.computeIfAbsent(r.getString(1), k -> new LinkedHashMap<>()));
        }
      }
    }
    Map<String, ObjectNode> out = new HashMap<>();
    for (Map.Entry<String, Map<String, String[]>> user : sealed.entrySet()) {
      ObjectNode fields = decrypt(user.getKey(), user.getValue());
      if (fields != null) {
        out.put(user.getKey(), fields);
      }
    }
    return out;
  }

  /**
   * Adds one row's {@code {"path": {"field": name, "sealed": base64}}} to {@code into} as path to
   * {name, base64}, a later row's path replacing an earlier one's in place (as {@code ObjectNode.set}
   * did); read with the streaming parser, without building a tree per row.
   */
  private void sealedFields(String vaultJson, Map<String, String[]> into) throws IOException {
    try (JsonParser p = json.getFactory().createParser(vaultJson)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("a sealed_traits row's vault is not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String path = p.currentName();
        if (p.nextToken() != JsonToken.START_OBJECT) {
          throw new IOException("a sealed_traits row's field " + path + " is not an object");
        }
        String[] entry = new String[2];
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          p.nextToken();
          if (key.equals("field")) {
            entry[0] = p.getText();
          } else if (key.equals("sealed")) {
            entry[1] = p.getText();
          } else {
            p.skipChildren();
          }
        }
        into.put(path, entry);
      }
    }
  }

  /** The user's fields in the clear, or null when their data key was destroyed (erased). */
  private ObjectNode decrypt(String userId, Map<String, String[]> sealed) throws IOException {
    ObjectNode out = json.createObjectNode();
    for (Map.Entry<String, String[]> e : sealed.entrySet()) {
      try {
        byte[] plain = vault.decrypt(userId, e.getValue()[0], Base64.getDecoder().decode(e.getValue()[1]));
        out.set(e.getKey(), value(json, plain));
      } catch (ErasedException gone) {
        return null;
      }
    }
    return out;
  }

  /**
   * The decrypted JSON value: a string of printable ASCII without escapes or quotes (most e-mail
   * addresses, phones, postal codes) taken as it stands, anything else parsed by Jackson, to the
   * same node either way.
   */
  static JsonNode value(ObjectMapper json, byte[] plain) throws IOException {
    int n = plain.length;
    boolean simple = n >= 2 && plain[0] == '"' && plain[n - 1] == '"';
    for (int i = 1; simple && i < n - 1; i++) {
      byte b = plain[i];
      simple = b >= 0x20 && b < 0x7f && b != '"' && b != '\\';
    }
    return simple ? TextNode.valueOf(new String(plain, 1, n - 2, StandardCharsets.US_ASCII)) : json.readTree(plain);
  }
}
