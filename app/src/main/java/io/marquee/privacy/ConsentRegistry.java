package io.marquee.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import io.marquee.core.ConsentChoice;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Each user's current consent per category, from {@code Consent Updated} events (the consent API) and
 * Segment's {@code context.consent.categoryPreferences}, as {@link ConsentChoice} reads them. A user
 * with no recorded choice for a category is treated as consenting, as Segment's destinations do; the
 * history is in the events.
 *
 * <p>Choices are recorded only once their message is in the log ({@link #record}), never from a
 * message that is then refused, and never for an erased user.
 */
public final class ConsentRegistry {
  /** The categories Marquee acts on. */
  public static final List<String> CATEGORIES = ConsentChoice.CATEGORIES;
  /** The event the consent API writes. */
  public static final String EVENT = ConsentChoice.EVENT;

  private final Map<String, Map<String, Boolean>> current = new ConcurrentHashMap<>();

  /** Replays the boolean categories of {@code preferences} for the user (from {@code consent_log}). */
  public void update(String userId, JsonNode preferences) {
    if (userId != null) {
      merge(userId, ConsentChoice.choices(preferences), id -> false);
    }
  }

  /**
   * Records a durable message's choices unless {@code erased} says its user was erased. The test and
   * the update are one atomic step per user, so an erasure that suppresses the id and then calls
   * {@link #forget} can never be undone by a message logged meanwhile.
   */
  public void record(ConsentChoice choice, Predicate<String> erased) {
    if (choice != null) {
      merge(choice.subject(), choice.choices(), erased);
    }
  }

  private void merge(String userId, Map<String, Boolean> choices, Predicate<String> erased) {
    if (choices.isEmpty()) {
      return;
    }
    current.compute(userId, (id, old) -> {
      if (erased.test(id)) {
        return old;
      }
      Map<String, Boolean> merged = old == null ? new LinkedHashMap<>() : new LinkedHashMap<>(old);
      merged.putAll(choices);
      return merged;
    });
  }

  /** Whether the user allows the category (true when they never said). */
  public boolean allows(String userId, String category) {
    if (userId == null) {
      return true;
    }
    Map<String, Boolean> choices = current.get(userId);
    return choices == null || choices.getOrDefault(category, true);
  }

  /**
   * Whether the user explicitly chose to allow the category: false when they never said, unlike
   * {@link #allows} (for what leaves the platform, which needs an opt-in).
   */
  public boolean optedIn(String userId, String category) {
    Map<String, Boolean> choices = userId == null ? null : current.get(userId);
    return choices != null && Boolean.TRUE.equals(choices.get(category));
  }

  /**
   * The users who withdrew the category (an explicit false): the users {@link #allows} refuses, for a
   * store query that leaves them out in one anti-join instead of asking about each user.
   */
  public Set<String> withdrawn(String category) {
    Set<String> out = new HashSet<>();
    current.forEach((user, choices) -> {
      if (Boolean.FALSE.equals(choices.get(category))) {
        out.add(user);
      }
    });
    return out;
  }

  /** The user's recorded choices. */
  public Map<String, Boolean> choices(String userId) {
    return Map.copyOf(current.getOrDefault(userId, Map.of()));
  }

  /** Drops the user's choices (erasure; the caller has suppressed the id first). */
  public void forget(String userId) {
    current.remove(userId);
  }
}
