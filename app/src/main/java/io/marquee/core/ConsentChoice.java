package io.marquee.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A user's consent choices as one message states them: the consent API's {@code Consent Updated}
 * event ({@code properties.categoryPreferences}) or, on any other message, Segment's {@code
 * context.consent.categoryPreferences}. This is the one parser of consent in messages; the collector
 * (current choices, in memory) and the store loader ({@code consent_log}) both read through it, so
 * they cannot disagree.
 *
 * @param subject the user the choices belong to: {@code userId}, else {@code anonymousId}
 * @param source {@code api} for a {@code Consent Updated} event, {@code event} for a consent context
 * @param choices the boolean choices for {@link #CATEGORIES}, in that order; never empty
 */
public record ConsentChoice(String subject, String source, Map<String, Boolean> choices) {
  /** The categories Marquee acts on; any other key in the preferences is ignored. */
  public static final List<String> CATEGORIES = List.of("analytics", "personalization", "marketing", "data_sharing");
  /** The event the consent API writes. */
  public static final String EVENT = "Consent Updated";
  /** The object holding the choices, in properties or in {@code context.consent}. */
  public static final String PREFERENCES = "categoryPreferences";
  /**
   * {@code properties.source} of a {@code Consent Updated} event the collector made from a message's
   * consent context (the message itself was withheld for lack of analytics consent).
   */
  public static final String CONTEXT_SOURCE = "context";

  public ConsentChoice {
    choices = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(choices));
  }

  /** The choices a message states, or null when it states none (or names no user). */
  public static ConsentChoice of(JsonNode message) {
    if (message == null || !message.isObject()) {
      return null;
    }
    return of(text(message.get("userId")), text(message.get("anonymousId")), text(message.get("event")),
        message.get("properties"), message.get("context"));
  }

  /** The choices of a message given by its parts (as the store keeps them), or null. */
  public static ConsentChoice of(String userId, String anonymousId, String event, JsonNode properties,
      JsonNode context) {
    String subject = userId != null ? userId : anonymousId;
    if (subject == null) {
      return null;
    }
    boolean api = EVENT.equals(event);
    JsonNode preferences = api
        ? (properties == null ? null : properties.get(PREFERENCES))
        : (context == null ? null : context.path("consent").get(PREFERENCES));
    Map<String, Boolean> choices = choices(preferences);
    if (choices.isEmpty()) {
      return null;
    }
    boolean fromContext = !api || CONTEXT_SOURCE.equals(text(properties.get("source")));
    return new ConsentChoice(subject, fromContext ? "event" : "api", choices);
  }

  /**
   * A cheap test on the stored JSON text: false only when the message certainly states no consent,
   * so that callers parse JSON only for the few that may.
   */
  public static boolean mayState(String event, String contextJson) {
    return EVENT.equals(event) || contextJson != null && contextJson.contains(PREFERENCES);
  }

  /** The boolean choices among {@link #CATEGORIES} in a preferences object; others are ignored. */
  public static Map<String, Boolean> choices(JsonNode preferences) {
    Map<String, Boolean> out = new LinkedHashMap<>();
    if (preferences != null && preferences.isObject()) {
      for (String c : CATEGORIES) {
        JsonNode v = preferences.get(c);
        if (v != null && v.isBoolean()) {
          out.put(c, v.booleanValue());
        }
      }
    }
    return out;
  }

  private static String text(JsonNode v) {
    return v == null || v.isNull() ? null : v.asText();
  }
}
