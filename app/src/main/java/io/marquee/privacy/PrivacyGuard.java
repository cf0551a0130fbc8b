package io.marquee.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marquee.core.ConsentChoice;
import io.marquee.core.Reason;
import io.marquee.core.RejectionCode;
import io.marquee.vault.CardNumbers;
import io.marquee.vault.KeyVault;
import io.marquee.vault.PersonalData;
import io.marquee.vault.Pseudonyms;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;

/**
 * The privacy rules every message passes before it is written anywhere: card data is refused
 * ({@link #cardData}, checked first), personal fields are encrypted under the user's data key, IP
 * addresses are truncated, and messages of erased users or without analytics consent are dropped.
 *
 * <p>Personal fields found anywhere in the message by {@link PersonalData}'s rule (personal names at
 * any depth, {@code name} in top-level traits or under a person, e-mail-shaped values) are removed
 * and put back, encrypted, as {@code _vault: {field: base64}} in the same object; an age derived from
 * a birthday and {@code email_sha256} are kept in the clear. E-mail-shaped {@code userId},
 * {@code anonymousId} and {@code previousId} are replaced by their keyed pseudonyms
 * ({@link Pseudonyms}). Without a vault (no master key) a message carrying personal data is rejected
 * rather than stored in the clear.
 */
public final class PrivacyGuard {
  /** Marker object holding encrypted personal fields. */
  public static final String VAULT_FIELD = "_vault";
  private final KeyVault vault;
  private final Suppressions suppressions;
  private final ConsentRegistry consent;
  private final ObjectMapper json;

  /** What the guard decided about a message. */
  public enum Outcome { KEEP, REJECT, DROP }

  /**
   * A decision and its reason: for a rejection, what the client sees (its code and message); for a
   * drop, the label it is counted under ({@code erased}, {@code no_analytics_consent}).
   */
  public record Verdict(Outcome outcome, String reason, Reason rejection) {
    static final Verdict KEEP = new Verdict(Outcome.KEEP, null, null);
    private static final Verdict ERASED = new Verdict(Outcome.DROP, DROPPED_ERASED, null);
    private static final Verdict NO_CONSENT = new Verdict(Outcome.DROP, DROPPED_NO_CONSENT, null);

    static Verdict reject(Reason why) {
      return new Verdict(Outcome.REJECT, why.message(), why);
    }
  }

  private static final String DROPPED_ERASED = "erased";
  private static final String DROPPED_NO_CONSENT = "no_analytics_consent";
  /** Every reason a message is dropped (acknowledged, not stored) for. */
  public static final java.util.List<String> DROP_REASONS = java.util.List.of(DROPPED_ERASED, DROPPED_NO_CONSENT);

  /** The reason of every message refused for card data. */
  public static final Reason CARD_DATA = RejectionCode.CARD_DATA.because(CardNumbers.REJECTION);

  public PrivacyGuard(KeyVault vault, Suppressions suppressions, ConsentRegistry consent, ObjectMapper json) {
    this.vault = vault;
    this.suppressions = suppressions;
    this.consent = consent;
    this.json = json;
  }

  public boolean hasVault() {
    return vault != null;
  }

  /**
   * Makes sure the users of a batch that may carry personal data have data keys, creating the
   * missing ones with one write and one fsync instead of one per user.
   */
  public void prepareKeys(java.util.Collection<String> subjects) {
    if (vault != null && !subjects.isEmpty()) {
      try {
        vault.ensureKeys(subjects.stream().map(this::userId).toList());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create data keys", e);
      }
    }
  }

  /**
   * The card-data rule, applied by the collector to every message that may hold card data before
   * anything else is checked (so the reason is this one whatever else is wrong with the message,
   * and nothing of it, consent included, takes effect): null, or the rejection.
   */
  public static Reason cardData(JsonNode message) {
    return CardNumbers.containsCardData(message) ? CARD_DATA : null;
  }

  /** The drop decision that needs only the ids (the streaming path). */
  public Verdict byIds(String userId, String anonymousId) {
    if (suppressions.contains(userId) || suppressions.contains(anonymousId)) {
      return Verdict.ERASED;
    }
    if (!consent.allows(userId != null ? userId : anonymousId, "analytics")) {
      return Verdict.NO_CONSENT;
    }
    return Verdict.KEEP;
  }

  /**
   * Records the consent a message states, once the message is in the log; nothing for an erased user
   * (checked atomically with the update, see {@link ConsentRegistry#record}).
   */
  public void recordConsent(ConsentChoice choice) {
    consent.record(choice, suppressions::contains);
  }

  /** The id the node knows a user by: the pseudonym of an e-mail address, else the id itself. */
  public String userId(String id) {
    return Pseudonyms.userId(vault, id);
  }

  /**
   * Applies every rule to a validated message, rewriting it in place when it is kept. Card data is
   * the caller's first check ({@link #cardData}), before validation, and is not repeated here.
   */
  public Verdict apply(ObjectNode message) {
    Reason idError = pseudonymize(message);
    if (idError != null) {
      return Verdict.reject(idError);
    }
    String userId = text(message, "userId");
    String anonymousId = text(message, "anonymousId");
    String subject = userId != null ? userId : anonymousId;
    boolean consentOnly = false;
    switch (consentRule(message, userId, anonymousId)) {
      case DROP_ERASED -> {
        return Verdict.ERASED;
      }
      case DROP_NO_CONSENT -> {
        return Verdict.NO_CONSENT;
      }
      case CONSENT_ONLY -> consentOnly = true;
      default -> { }
    }
    if (consentOnly) {
      keepOnlyConsent(message); // then through the rules below like any message: nothing is skipped
    }
    JsonNode context = message.get("context");
    if (context instanceof ObjectNode ctx) {
      JsonNode ip = ctx.get("ip");
      if (ip != null && ip.isTextual()) {
        ctx.put("ip", truncateIp(ip.textValue()));
      }
    }
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    for (String field : new String[] {"event", "messageId", "groupId"}) {
      JsonNode v = message.get(field);
      if (v != null && v.isTextual() && PersonalData.isEmailShaped(v.textValue())) {
        return Verdict.reject(RejectionCode.EMAIL_IN_CLEAR_FIELD.because(field + " is an e-mail address, "
            + "which is personal data: it is needed in the clear and so cannot be stored"));
      }
    }
    try {
      // other top-level fields (a page's name, custom fields) follow the rule like any object's
      Reason topLevel = seal(message, subject, false, today);
      if (topLevel != null) {
        return Verdict.reject(topLevel);
      }
      for (Map.Entry<String, JsonNode> e : java.util.List.copyOf(message.properties())) {
        if (e.getKey().equals(VAULT_FIELD)) {
          continue;
        }
        Reason error = sealAll(e.getKey(), e.getValue(), subject, e.getKey().equals("traits"),
            e.getKey().equals("context"), today);
        if (error != null) {
          return Verdict.reject(error);
        }
      }
    } catch (io.marquee.vault.ErasedException e) {
      // the user was erased between the check above and sealing (a shared vault refuses their key)
      return Verdict.ERASED;
    }
    return Verdict.KEEP;
  }

  private enum ConsentRule { KEEP, DROP_ERASED, DROP_NO_CONSENT, CONSENT_ONLY }

  /**
   * What consent says about a message. Consent is never recorded here: only once the message is in
   * the log ({@link #recordConsent}), so a message refused afterwards changes nothing. A message is
   * judged by the analytics choice it states itself, else by the user's current one; a consent event
   * is kept whatever the analytics choice (it is how consent is given back), and a message withheld
   * for lack of analytics consent that states choices is kept as those choices only, so that they are
   * as durable as the consent API's.
   */
  private ConsentRule consentRule(ObjectNode message, String userId, String anonymousId) {
    if (suppressions.contains(userId) || suppressions.contains(anonymousId)) {
      return ConsentRule.DROP_ERASED;
    }
    if (ConsentChoice.EVENT.equals(text(message, "event"))) {
      return ConsentRule.KEEP;
    }
    ConsentChoice stated = ConsentChoice.of(message);
    Boolean analytics = stated == null ? null : stated.choices().get("analytics");
    boolean allowed = analytics != null ? analytics
        : consent.allows(userId != null ? userId : anonymousId, "analytics");
    if (allowed) {
      return ConsentRule.KEEP;
    }
    return stated == null ? ConsentRule.DROP_NO_CONSENT : ConsentRule.CONSENT_ONLY;
  }

  /** Rewrites a message to a {@code Consent Updated} event holding only the choices it states. */
  private static void keepOnlyConsent(ObjectNode message) {
    ConsentChoice stated = ConsentChoice.of(message);
    message.retain("type", "messageId", "userId", "anonymousId", "timestamp", "originalTimestamp", "sentAt",
        "receivedAt");
    message.put("type", "track");
    message.put("event", ConsentChoice.EVENT);
    ObjectNode properties = message.putObject("properties");
    ObjectNode prefs = properties.putObject(ConsentChoice.PREFERENCES);
    stated.choices().forEach(prefs::put);
    properties.put("source", ConsentChoice.CONTEXT_SOURCE);
  }

  /** Replaces e-mail-shaped ids by their pseudonyms; an error when there is no vault to make them. */
  private Reason pseudonymize(ObjectNode message) {
    for (String field : new String[] {"userId", "anonymousId", "previousId"}) {
      JsonNode v = message.get(field);
      if (v != null && v.isTextual() && PersonalData.isEmailShaped(v.textValue())) {
        if (vault == null) {
          return RejectionCode.PERSONAL_DATA_WITHOUT_VAULT.because(field + " is an e-mail address, which is "
              + "personal data: it cannot be stored without a master key (serve --master-key-file), and is "
              + "never stored in the clear");
        }
        message.put(field, vault.pseudonym(v.textValue()));
      }
    }
    return null;
  }

  /**
   * Seals the personal fields of every object at or under {@code node} (the value of {@code key}).
   *
   * @param namesArePersonal whether a bare {@code name} directly in {@code node} is a person's
   * @param contextRoot whether {@code node} is the message's {@code context} (whose traits are top-level)
   */
  private Reason sealAll(String key, JsonNode node, String subject, boolean namesArePersonal,
      boolean contextRoot, LocalDate today) {
    if (node instanceof ObjectNode o) {
      Reason error = seal(o, subject, namesArePersonal, today);
      if (error != null) {
        return error;
      }
      for (Map.Entry<String, JsonNode> e : java.util.List.copyOf(o.properties())) {
        if (!e.getKey().equals(VAULT_FIELD) && e.getValue().isContainerNode()) {
          error = sealAll(e.getKey(), e.getValue(), subject,
              PersonalData.isPersonLike(e.getKey()) || (contextRoot && e.getKey().equals("traits")), false, today);
          if (error != null) {
            return error;
          }
        }
      }
    } else if (node.isArray()) {
      for (JsonNode element : node) {
        if (element.isContainerNode()) {
          Reason error = sealAll(key, element, subject, PersonalData.isPersonLike(key), false, today);
          if (error != null) {
            return error;
          }
        }
      }
    }
    return null;
  }

  /** Replaces the personal fields of {@code holder} with their ciphertexts; returns an error or null. */
  private Reason seal(ObjectNode holder, String subject, boolean namesArePersonal, LocalDate today) {
    for (Map.Entry<String, JsonNode> e : holder.properties()) {
      if (PersonalData.isEmailShaped(e.getKey())) {
        // a key cannot be sealed in place; the reason must not repeat the address
        return RejectionCode.EMAIL_IN_CLEAR_FIELD.because(
            "a field name is an e-mail address, which is personal data: send it as a value");
      }
    }
    if (!PersonalData.anyPersonal(holder, namesArePersonal)) {
      return null;
    }
    PersonalData.Split split = PersonalData.split(holder, today, namesArePersonal);
    if (split.personal().isEmpty()) {
      return null;
    }
    if (vault == null) {
      return RejectionCode.PERSONAL_DATA_WITHOUT_VAULT.because("personal data ("
          + String.join(", ", split.personal().keySet())
          + ") cannot be stored: the server has no master key (serve --master-key-file)");
    }
    ObjectNode sealed = holder.objectNode();
    try {
      for (Map.Entry<String, JsonNode> e : split.personal().entrySet()) {
        byte[] ciphertext = vault.encrypt(subject, e.getKey(), json.writeValueAsBytes(e.getValue()));
        sealed.put(e.getKey(), Base64.getEncoder().encodeToString(ciphertext));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encrypt personal data", e);
    }
    holder.removeAll();
    holder.setAll(split.traits());
    if (split.age().isPresent() && !holder.has("age")) {
      holder.put("age", split.age().getAsInt());
    }
    split.country().ifPresent(c -> {
      if (!holder.has("country")) {
        holder.put("country", c);
      }
    });
    JsonNode email = split.personal().get("email");
    if (email != null && email.isTextual()) {
      holder.put("email_sha256", emailSha256(email.textValue()));
    }
    holder.set(VAULT_FIELD, sealed);
    return null;
  }

  /** The SHA-256 of a trimmed, lower-cased e-mail address, as ad platforms and data partners match on. */
  public static String emailSha256(String email) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(email.strip().toLowerCase(java.util.Locale.ROOT).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An IPv4 address to its /24, an IPv6 address to its /48. */
  static String truncateIp(String ip) {
    if (ip.indexOf(':') >= 0) {
      String[] groups = ip.split(":", -1);
      StringBuilder out = new StringBuilder();
      int kept = 0;
      for (int i = 0; i < groups.length && kept < 3; i++) {
        if (groups[i].isEmpty()) {
          break;
        }
        out.append(kept > 0 ? ":" : "").append(groups[i]);
        kept++;
      }
      return out + "::";
    }
    int last = ip.lastIndexOf('.');
    return last > 0 ? ip.substring(0, last) + ".0" : "0.0.0.0";
  }

  private static String text(ObjectNode m, String field) {
    JsonNode v = m.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
