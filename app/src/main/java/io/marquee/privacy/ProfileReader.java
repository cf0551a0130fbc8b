package io.marquee.privacy;

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
import java.util.Iterator;
import java.util.Map;

/**
 * Builds a user's profile from the store: self-reported traits (identify, as the {@code profiles}
 * table keeps them), first-party facts (first and last seen, genre affinities from views), partner
 * attributes, each attribute with its provenance; personal fields decrypted from the vault only when
 * asked (then read from the user's identify events, the only place their ciphertext is kept).
 * Personal fields sealed in nested objects ({@code traits.contact._vault}) are named by their path
 * ({@code contact.email}).
 */
public final class ProfileReader {
  private final Store store;
  private final KeyVault vault;
  private final ObjectMapper json;

  public ProfileReader(Store store, KeyVault vault, ObjectMapper json) {
    this.store = store;
    this.vault = vault;
    this.json = json;
  }

  /** The profile, or null if the store holds nothing about the user. */
  public ObjectNode read(String userId, boolean includePersonal) throws SQLException, IOException {
    ObjectNode profile = json.createObjectNode();
    ObjectNode attributes = profile.putObject("attributes");
    ObjectNode sealed = json.createObjectNode();
    Map<String, String> fields = new java.util.HashMap<>();
    int sealedCount;
    try (Connection c = store.readConnection()) {
      try (PreparedStatement p = c.prepareStatement("SELECT first_seen, last_seen, events, traits, age_bracket, "
          + "sealed_fields FROM profiles WHERE user_id = ?")) {
        p.setString(1, userId);
        try (ResultSet r = p.executeQuery()) {
          if (!r.next()) {
            return null;
          }
          profile.put("user_id", userId);
          attribute(attributes, "first_seen", json.valueToTree(r.getString(1)), "first_party", r.getString(1));
          attribute(attributes, "last_seen", json.valueToTree(r.getString(2)), "first_party", r.getString(2));
          profile.put("events", r.getLong(3));
          if (r.getString(4) != null) {
            Iterator<Map.Entry<String, JsonNode>> it = json.readTree(r.getString(4)).fields();
            while (it.hasNext()) {
              Map.Entry<String, JsonNode> e = it.next();
              attribute(attributes, e.getKey(), e.getValue().get("value"), "self_reported",
                  e.getValue().path("observed_at").asText(null));
            }
          }
          if (r.getString(5) != null) {
            attribute(attributes, "age_bracket", json.valueToTree(r.getString(5)), "derived",
                attributes.path("age").path("observed_at").asText());
          }
          java.sql.Array held = r.getArray(6);
          sealedCount = held == null ? 0 : ((Object[]) held.getArray()).length;
        }
      }
      if (includePersonal) {
        readSealed(c, userId, sealed, fields);
      }
      try (PreparedStatement p = c.prepareStatement("SELECT attribute, value, source, observed_at, expires_at, "
          + "legal_basis FROM partner_attributes WHERE user_id = ? AND expires_at > now()::TIMESTAMP "
          + "ORDER BY CASE party WHEN 'second' THEN 0 ELSE 1 END, observed_at DESC")) {
        p.setString(1, userId);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            if (!attributes.has(r.getString(1))) {
              attribute(attributes, r.getString(1), json.readTree(r.getString(2)), r.getString(3), r.getString(4));
              ((ObjectNode) attributes.get(r.getString(1))).put("expires_at", r.getString(5))
                  .put("legal_basis", r.getString(6));
            }
          }
        }
      }
      try (PreparedStatement p = c.prepareStatement("SELECT g, round(sum(v.watch_seconds)) s FROM views v "
          + "JOIN (SELECT asset_id, unnest(genres) g FROM titles) t USING (asset_id) WHERE v.user_id = ? "
          + "GROUP BY g ORDER BY s DESC LIMIT 5")) {
        p.setString(1, userId);
        ObjectNode affinities = json.createObjectNode();
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            affinities.put(r.getString(1), r.getDouble(2));
          }
        }
        if (!affinities.isEmpty()) {
          attribute(attributes, "genre_affinities", affinities, "first_party", null);
        }
      }
    }
    if (includePersonal) {
      profile.set("personal", decrypt(userId, sealed, fields));
    } else {
      profile.put("personal_fields_held", sealedCount);
    }
    return profile;
  }

  /**
   * The sealed personal fields of the user's identify calls, latest last: read from the events only
   * when the caller asked for personal data (the {@code profiles} table holds no ciphertext).
   */
  private void readSealed(Connection c, String userId, ObjectNode sealed, Map<String, String> fields)
      throws SQLException, IOException {
    try (PreparedStatement p = c.prepareStatement("SELECT traits FROM events WHERE user_id = ? "
        + "AND type = 'identify' AND traits IS NOT NULL AND contains(traits::VARCHAR, '" + PrivacyGuard.VAULT_FIELD
        + "') ORDER BY timestamp, log_pos")) {
      p.setString(1, userId);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          takeSealed(json.readTree(r.getString(1)), "", sealed, fields);
        }
      }
    }
  }

  /**
   * Moves every {@code _vault} object at or under {@code node} into {@code sealed}, named by its path
   * ({@code email}, {@code contact.email}); {@code fields} maps each path to the vault's field name.
   */
  private static void takeSealed(JsonNode node, String path, ObjectNode sealed, Map<String, String> fields) {
    if (node instanceof ObjectNode o) {
      JsonNode own = o.remove(PrivacyGuard.VAULT_FIELD);
      if (own instanceof ObjectNode v) {
        Iterator<Map.Entry<String, JsonNode>> it = v.fields();
        while (it.hasNext()) {
          Map.Entry<String, JsonNode> e = it.next();
          sealed.set(path + e.getKey(), e.getValue());
          fields.put(path + e.getKey(), e.getKey());
        }
      }
      Iterator<Map.Entry<String, JsonNode>> it = o.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        takeSealed(e.getValue(), path + e.getKey() + ".", sealed, fields);
      }
    } else if (node != null && node.isArray()) {
      for (JsonNode element : node) {
        takeSealed(element, path, sealed, fields);
      }
    }
  }

  private ObjectNode decrypt(String userId, ObjectNode sealed, Map<String, String> fields) throws IOException {
    ObjectNode out = json.createObjectNode();
    if (vault == null) {
      return out;
    }
    Iterator<Map.Entry<String, JsonNode>> it = sealed.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      try {
        byte[] plain = vault.decrypt(userId, fields.getOrDefault(e.getKey(), e.getKey()),
            Base64.getDecoder().decode(e.getValue().asText()));
        out.set(e.getKey(), json.readTree(plain));
      } catch (ErasedException gone) {
        return json.createObjectNode();
      }
    }
    return out;
  }

  private static void attribute(ObjectNode attributes, String name, JsonNode value, String source, String observed) {
    ObjectNode a = attributes.putObject(name);
    a.set("value", value);
    a.put("source", source);
    a.put("observed_at", observed);
  }
}
