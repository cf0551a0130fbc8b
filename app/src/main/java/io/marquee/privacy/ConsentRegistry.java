package io.marquee.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import io.marquee.core.ConsentChoice;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Each user's current consent per category, from {@code Consent Updated} events (the consent API) and
 * Segment's {@code context.consent.categoryPreferences}, as {@link ConsentChoice} reads them. A user
 * with no recorded choice for a category is treated as consenting, as Segment's destinations do; the
 * history is in the events.
 *
 * <p>Choices are recorded only once their message is in the log ({@link #record}), never from a
 * message that is then refused, and never for an erased user.
 *
 * <p>Beyond one node ({@code io.marquee.kafka.control}): a {@link Listener} hears of every choice
 * {@link #record}ed and every user {@link #forget}ed, to share them, and {@link #applyShared} puts
 * in force a choice another collector recorded, without telling the listeners again.
 */
public final class ConsentRegistry {
  /** The categories Marquee acts on. */
  public static final List<String> CATEGORIES = ConsentChoice.CATEGORIES;
  /** The event the consent API writes. */
  public static final String EVENT = ConsentChoice.EVENT;

  private final Map<String, Map<String, Boolean>> current = new ConcurrentHashMap<>();
  /** Per category, the users whose choice is an explicit false, kept with {@link #current}. */
  private final Map<String, Set<String>> withdrawnBy = new ConcurrentHashMap<>();
  private final List<Listener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Hears of the changes this registry makes itself, to share them with other nodes. */
  public interface Listener {
    /** A durable message recorded these choices for the user. */
    void recorded(String userId, Map<String, Boolean> choices);

    /** The user was erased and had choices for these categories. */
    void forgotten(String userId, java.util.Set<String> categories);
  }

  /** Adds a listener for the choices recorded and users forgotten from now on. */
  public void listen(Listener listener) {
    listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Puts one category's choice, recorded by another node, in force for the user ({@code allowed}
   * null: the choice was forgotten by an erasure).
   */
  public void applyShared(String userId, String category, Boolean allowed) {
    current.compute(userId, (id, old) -> {
      Map<String, Boolean> next = old == null ? new LinkedHashMap<>() : new LinkedHashMap<>(old);
      if (allowed == null) {
        next.remove(category);
      } else {
        next.put(category, allowed);
      }
      index(id, old, next);
      return next.isEmpty() ? null : next;
    });
  }

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
    if (choice != null && merge(choice.subject(), choice.choices(), erased)) {
      for (Listener l : listeners) {
        l.recorded(choice.subject(), choice.choices());
      }
    }
  }

  /** Merges the choices unless the user is erased; true if they were merged. */
  private boolean merge(String userId, Map<String, Boolean> choices, Predicate<String> erased) {
    if (choices.isEmpty()) {
      return false;
    }
    boolean[] merged = {false};
    current.compute(userId, (id, old) -> {
      if (erased.test(id)) {
        return old;
      }
      Map<String, Boolean> next = old == null ? new LinkedHashMap<>() : new LinkedHashMap<>(old);
      next.putAll(choices);
      merged[0] = true;
      index(id, old, next);
      return next;
    });
    return merged[0];
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
    Set<String> users = withdrawnBy.get(category);
    return users == null ? Set.of() : java.util.Collections.unmodifiableSet(users);
  }

  /**
   * Brings {@link #withdrawnBy} in line with the user's choices, {@code before} (null: none) to
   * {@code now}. Called inside the user's {@code compute}, so one user's updates apply in order.
   */
  private void index(String userId, Map<String, Boolean> before, Map<String, Boolean> now) {
    Set<String> categories = new HashSet<>(now.keySet());
    if (before != null) {
      categories.addAll(before.keySet());
    }
    for (String category : categories) {
      if (Boolean.FALSE.equals(now.get(category))) {
        withdrawnBy.computeIfAbsent(category, c -> ConcurrentHashMap.newKeySet()).add(userId);
      } else {
        Set<String> users = withdrawnBy.get(category);
        if (users != null) {
          users.remove(userId);
        }
      }
    }
  }

  /** The user's recorded choices. */
  public Map<String, Boolean> choices(String userId) {
    return Map.copyOf(current.getOrDefault(userId, Map.of()));
  }

  /** Drops the user's choices (erasure; the caller has suppressed the id first). */
  public void forget(String userId) {
    AtomicReference<Map<String, Boolean>> was = new AtomicReference<>();
    current.computeIfPresent(userId, (id, old) -> {
      was.set(old);
      index(id, old, Map.of());
      return null;
    });
    Map<String, Boolean> removed = was.get();
    if (removed != null) {
      for (Listener l : listeners) {
        l.forgotten(userId, removed.keySet());
      }
    }
  }
}
