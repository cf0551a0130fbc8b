package io.marquee.adexport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marquee.store.Store;
import io.marquee.vault.ErasedException;
import io.marquee.vault.KeyVault;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
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
    Map<String, ObjectNode> sealed = new HashMap<>();
    if (vault == null || userIds.isEmpty()) {
      return Map.of();
    }
    try (Connection c = store.readConnection(); PreparedStatement p = c.prepareStatement(
        "SELECT s.user_id, s.vault FROM " + SealedTraitsProjection.TABLE + " s JOIN " + IDS + " b ON b.user_id = s.user_id "
            + "ORDER BY s.user_id, s.observed_at, s.log_pos")) {
      p.setString(1, array(userIds));
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          ObjectNode into = sealed.computeIfAbsent(r.getString(1), k -> json.createObjectNode());
          json.readTree(r.getString(2)).fields().forEachRemaining(e -> into.set(e.getKey(), e.getValue()));
        }
      }
    }
    Map<String, ObjectNode> out = new HashMap<>();
    for (Map.Entry<String, ObjectNode> user : sealed.entrySet()) {
      ObjectNode fields = decrypt(user.getKey(), user.getValue());
      if (fields != null) {
        out.put(user.getKey(), fields);
      }
    }
    return out;
  }

  /** The user's fields in the clear, or null when their data key was destroyed (erased). */
  private ObjectNode decrypt(String userId, ObjectNode sealed) throws IOException {
    ObjectNode out = json.createObjectNode();
    Iterator<Map.Entry<String, JsonNode>> it = sealed.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      try {
        byte[] plain = vault.decrypt(userId, e.getValue().get("field").asText(),
            Base64.getDecoder().decode(e.getValue().get("sealed").asText()));
        out.set(e.getKey(), json.readTree(plain));
      } catch (ErasedException gone) {
        return null;
      }
    }
    return out;
  }
}
