package io.marquee.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each user's current consent per category, from {@code Consent Updated} events (the consent API) and
 * Segment's {@code context.consent.categoryPreferences}. A user with no recorded choice for a
 * category is treated as consenting, as Segment's destinations do; the history is in the events.
 */
public final class ConsentRegistry {
  /** The categories Marquee acts on. */
  public static final List<String> CATEGORIES = List.of("analytics", "personalization", "marketing", "data_sharing");
  /** The event the consent API writes. */
  public static final String EVENT = "Consent Updated";

  private final Map<String, Map<String, Boolean>> current = new ConcurrentHashMap<>();

  /** Records the boolean categories of {@code preferences} for the user; others are ignored. */
  public void update(String userId, JsonNode preferences) {
    if (userId == null || preferences == null || !preferences.isObject()) {
      return;
    }
    Map<String, Boolean> choices = new LinkedHashMap<>();
    for (String c : CATEGORIES) {
      JsonNode v = preferences.get(c);
      if (v != null && v.isBoolean()) {
        choices.put(c, v.booleanValue());
      }
    }
    if (!choices.isEmpty()) {
      current.merge(userId, choices, (old, add) -> {
        Map<String, Boolean> merged = new LinkedHashMap<>(old);
        merged.putAll(add);
        return merged;
      });
    }
  }

  /** Whether the user allows the category (true when they never said). */
  public boolean allows(String userId, String category) {
    if (userId == null) {
      return true;
    }
    Map<String, Boolean> choices = current.get(userId);
    return choices == null || choices.getOrDefault(category, true);
  }

  /** The user's recorded choices. */
  public Map<String, Boolean> choices(String userId) {
    return Map.copyOf(current.getOrDefault(userId, Map.of()));
  }

  public void forget(String userId) {
    current.remove(userId);
  }
}
