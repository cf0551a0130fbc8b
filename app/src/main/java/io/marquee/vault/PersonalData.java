package io.marquee.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The personal data among a user's traits, and how to take it out before anything is stored in
 * the clear.
 *
 * <p>Personal fields, by canonical name (the vault field name) and the trait names that map to it.
 * Names compare in lower case with {@code _} and {@code -} ignored, so {@code first_name},
 * {@code firstName} and {@code First-Name} are one field. Only top-level traits count (Segment's
 * reserved traits are top-level; {@code company.name} is not a person's name).
 *
 * <ul>
 *   <li>{@code email}; {@code phone} ({@code phone_number}); {@code firstName}; {@code lastName};
 *       {@code name}; {@code birthday}
 *   <li>{@code address}: the whole object (street, city, postalCode, state, country) or string
 *   <li>{@code street} ({@code street_address}) and {@code postalCode} ({@code postal_code},
 *       {@code zip}, {@code zip_code}) given at the top level
 *   <li>{@code payment}: reduced to {@code token}, {@code brand}, {@code last4},
 *       {@code exp_month}, {@code exp_year} ({@link PaymentTraits}); other keys are dropped, not
 *       stored
 * </ul>
 *
 * <p>Non-personal values derived from them may stay in a profile: the age in whole years from the
 * birthday ({@code YYYY-MM-DD}, optionally followed by a time) on a given date, and
 * {@code address.country}. If a field comes twice under different spellings, the first one is kept
 * and the others are dropped.
 */
public final class PersonalData {
  /** The canonical personal field names, in a fixed order. */
  public static final List<String> FIELDS = List.of("email", "phone", "firstName", "lastName",
      "name", "address", "street", "postalCode", "birthday", "payment");

  private static final Map<String, String> ALIASES = Map.ofEntries(
      Map.entry("email", "email"),
      Map.entry("phone", "phone"),
      Map.entry("phonenumber", "phone"),
      Map.entry("firstname", "firstName"),
      Map.entry("lastname", "lastName"),
      Map.entry("name", "name"),
      Map.entry("address", "address"),
      Map.entry("street", "street"),
      Map.entry("streetaddress", "street"),
      Map.entry("postalcode", "postalCode"),
      Map.entry("zip", "postalCode"),
      Map.entry("zipcode", "postalCode"),
      Map.entry("birthday", "birthday"),
      Map.entry("payment", "payment"));

  private PersonalData() {}

  /**
   * Traits split into what may be stored in the clear and what must be encrypted.
   *
   * @param traits a copy of the input without any personal field
   * @param personal canonical field name to value (a JSON null means the client cleared it);
   *     {@code payment} already reduced to its allowed keys
   * @param age whole years from the birthday to the given date, if the birthday parses and is
   *     plausible (0 to 130 years)
   * @param country {@code address.country}, if given as a non-blank string
   * @param droppedPaymentKeys the payment keys that were not kept (names only, never values)
   */
  public record Split(ObjectNode traits, Map<String, JsonNode> personal, OptionalInt age,
      Optional<String> country, List<String> droppedPaymentKeys) {}

  /** The canonical personal field a trait name maps to, or empty if the trait is not personal. */
  public static Optional<String> fieldOf(String traitName) {
    return Optional.ofNullable(ALIASES.get(CardNumbers.normalize(traitName)));
  }

  /** Splits identify traits (or {@code context.traits}); the input is left unchanged. */
  public static Split split(ObjectNode traits, LocalDate today) {
    ObjectNode kept = traits.objectNode();
    Map<String, JsonNode> personal = new LinkedHashMap<>();
    List<String> dropped = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : traits.properties()) {
      Optional<String> field = fieldOf(e.getKey());
      if (field.isEmpty()) {
        kept.set(e.getKey(), e.getValue().deepCopy());
      } else if (!personal.containsKey(field.get())) {
        JsonNode value = e.getValue();
        if (field.get().equals("payment") && !value.isNull()) {
          value = PaymentTraits.reduce(value, dropped);
          if (value == null) {
            continue;
          }
        }
        personal.put(field.get(), value.deepCopy());
      }
    }
    return new Split(kept, Collections.unmodifiableMap(personal), ageOf(personal.get("birthday"), today),
        countryOf(personal.get("address")), List.copyOf(dropped));
  }

  static OptionalInt ageOf(JsonNode birthday, LocalDate today) {
    if (birthday == null || !birthday.isTextual() || birthday.textValue().length() < 10) {
      return OptionalInt.empty();
    }
    LocalDate born;
    try {
      born = LocalDate.parse(birthday.textValue().substring(0, 10));
    } catch (DateTimeParseException e) {
      return OptionalInt.empty();
    }
    if (born.isAfter(today)) {
      return OptionalInt.empty();
    }
    int years = Period.between(born, today).getYears();
    return years <= 130 ? OptionalInt.of(years) : OptionalInt.empty();
  }

  private static Optional<String> countryOf(JsonNode address) {
    if (address == null || !address.isObject()) {
      return Optional.empty();
    }
    for (Map.Entry<String, JsonNode> e : address.properties()) {
      if (CardNumbers.normalize(e.getKey()).equals("country") && e.getValue().isTextual()
          && !e.getValue().textValue().isBlank()) {
        return Optional.of(e.getValue().textValue().strip());
      }
    }
    return Optional.empty();
  }
}
