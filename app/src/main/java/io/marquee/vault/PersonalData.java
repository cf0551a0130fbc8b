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
import java.util.Set;

/**
 * The personal data in a message, and how to take it out before anything is stored in the clear.
 *
 * <p>The rule. Names compare in lower case with everything but letters and digits ignored, so
 * {@code first_name}, {@code firstName} and {@code First-Name} are one field.
 *
 * <ol>
 *   <li><b>Unambiguous personal names, at any depth</b> of {@code traits}, {@code context},
 *       {@code properties} or any other object of the message: e-mail ({@code email},
 *       {@code email_address}), phone ({@code phone}, {@code phone_number}, {@code telephone}),
 *       mobile ({@code mobile}, {@code mobile_phone}, {@code cell_phone}), first, middle, last and
 *       full names ({@code first_name}, {@code given_name}, {@code last_name}, {@code surname},
 *       {@code family_name}, {@code full_name}), birthday ({@code birthday}, {@code dob},
 *       {@code birth_date}, {@code date_of_birth}), {@code address} (the whole object or string),
 *       street ({@code street}, {@code street_address}, {@code address_line1}), postal code
 *       ({@code postal_code}, {@code postcode}, {@code zip}, {@code zip_code}), national ids
 *       ({@code ssn}, {@code national_id}, {@code passport_number}) and {@code payment}.
 *   <li><b>{@code name}</b> only in top-level traits ({@code traits}, {@code context.traits}) or
 *       directly under a person-like parent ({@link #PERSON_PARENTS}: {@code user}, {@code contact},
 *       {@code customer}, ...); never a page's, a title's, an artist's or a company's.
 *   <li><b>Any whole-string value shaped like an e-mail address</b>, whatever its key, also as an
 *       element of an array (the whole array is then personal). E-mail-shaped {@code userId},
 *       {@code anonymousId} and {@code previousId} are not stored either: they are replaced by a
 *       keyed pseudonym ({@link Pseudonyms}).
 * </ol>
 *
 * <p>Each canonical field is encrypted in the object that held it; {@code payment} is first reduced
 * to {@code token}, {@code brand}, {@code last4}, {@code exp_month}, {@code exp_year}
 * ({@link PaymentTraits}), other keys are dropped, not stored. An e-mail-shaped value under another
 * key is encrypted under that key's own name. Non-personal values derived from them may stay: the
 * age in whole years from the birthday ({@code YYYY-MM-DD}, optionally followed by a time) on a
 * given date, and {@code address.country}. If a field comes twice under different spellings, the
 * first one is kept and the others are dropped.
 */
public final class PersonalData {
  /** The canonical personal field names, in a fixed order. */
  public static final List<String> FIELDS = List.of("email", "phone", "mobile", "firstName", "middleName",
      "lastName", "name", "address", "street", "postalCode", "birthday", "nationalId", "payment");

  /** Parents under which {@code name} is a person's (normalized). */
  public static final Set<String> PERSON_PARENTS = Set.of("user", "contact", "customer", "person", "member",
      "subscriber", "account", "accountholder", "owner", "buyer", "recipient", "sender", "billing", "shipping",
      "viewer", "patient", "employee", "guardian", "parent", "child", "spouse");

  private static final Map<String, String> ALIASES = Map.ofEntries(
      Map.entry("email", "email"),
      Map.entry("emailaddress", "email"),
      Map.entry("phone", "phone"),
      Map.entry("phonenumber", "phone"),
      Map.entry("telephone", "phone"),
      Map.entry("telephonenumber", "phone"),
      Map.entry("mobile", "mobile"),
      Map.entry("mobilephone", "mobile"),
      Map.entry("mobilenumber", "mobile"),
      Map.entry("mobilephonenumber", "mobile"),
      Map.entry("cellphone", "mobile"),
      Map.entry("firstname", "firstName"),
      Map.entry("givenname", "firstName"),
      Map.entry("middlename", "middleName"),
      Map.entry("lastname", "lastName"),
      Map.entry("surname", "lastName"),
      Map.entry("familyname", "lastName"),
      Map.entry("name", "name"),
      Map.entry("fullname", "name"),
      Map.entry("address", "address"),
      Map.entry("street", "street"),
      Map.entry("streetaddress", "street"),
      Map.entry("addressline1", "street"),
      Map.entry("postalcode", "postalCode"),
      Map.entry("postcode", "postalCode"),
      Map.entry("zip", "postalCode"),
      Map.entry("zipcode", "postalCode"),
      Map.entry("birthday", "birthday"),
      Map.entry("dob", "birthday"),
      Map.entry("birthdate", "birthday"),
      Map.entry("dateofbirth", "birthday"),
      Map.entry("ssn", "nationalId"),
      Map.entry("socialsecuritynumber", "nationalId"),
      Map.entry("nationalid", "nationalId"),
      Map.entry("passportnumber", "nationalId"),
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

  /**
   * The canonical personal field a name maps to, or empty if it is not personal; {@code name} maps
   * to {@code name} here, which counts only where rule 2 says so.
   */
  public static Optional<String> fieldOf(String traitName) {
    return Optional.ofNullable(ALIASES.get(CardNumbers.normalize(traitName)));
  }

  /** True for the bare {@code name} key, personal only in top-level traits or under a person. */
  static boolean isBareName(String key) {
    return CardNumbers.normalize(key).equals("name");
  }

  /** True if {@code name} directly under an object with this key is a person's. */
  public static boolean isPersonLike(String key) {
    return PERSON_PARENTS.contains(CardNumbers.normalize(key));
  }

  /**
   * True for a key that is personal at any depth (rule 1) or a person-like parent: the streaming
   * pre-filter's test, a superset of what rules 1 and 2 act on.
   */
  public static boolean isPersonalKey(String key) {
    String k = CardNumbers.normalize(key);
    return (ALIASES.containsKey(k) && !k.equals("name")) || PERSON_PARENTS.contains(k);
  }

  /** Rule 3: the whole (trimmed) string is shaped like an e-mail address: {@code local@domain.tld}. */
  public static boolean isEmailShaped(String s) {
    String v = s.strip();
    int at = v.indexOf('@');
    if (at < 1 || at != v.lastIndexOf('@') || v.length() > 254 || at > 64) {
      return false;
    }
    int dot = v.lastIndexOf('.');
    if (dot < at + 2 || dot == v.length() - 1) {
      return false;
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (Character.isWhitespace(c) || c == '<' || c == '>' || c == ',' || c == ';' || c == '"') {
        return false;
      }
    }
    return true;
  }

  /** True for an e-mail-shaped string or an array holding one (rule 3). */
  static boolean holdsEmail(JsonNode value) {
    if (value.isTextual()) {
      return isEmailShaped(value.textValue());
    }
    if (value.isArray()) {
      for (JsonNode e : value) {
        if (e.isTextual() && isEmailShaped(e.textValue())) {
          return true;
        }
      }
    }
    return false;
  }

  /** True if {@link #split} would find a personal field among {@code holder}'s own fields. */
  public static boolean anyPersonal(ObjectNode holder, boolean namesArePersonal) {
    for (Map.Entry<String, JsonNode> e : holder.properties()) {
      Optional<String> field = fieldOf(e.getKey());
      if ((field.isPresent() && (namesArePersonal || !isBareName(e.getKey()))) || holdsEmail(e.getValue())) {
        return true;
      }
    }
    return false;
  }

  /** Splits top-level traits ({@code traits}, {@code context.traits}); the input is left unchanged. */
  public static Split split(ObjectNode traits, LocalDate today) {
    return split(traits, today, true);
  }

  /**
   * Splits the fields of one object of a message by rules 1 to 3; the input is left unchanged.
   * Nested objects are kept as they are (the caller splits them in turn).
   *
   * @param namesArePersonal whether a bare {@code name} here is a person's (top-level traits or a
   *     person-like parent)
   */
  public static Split split(ObjectNode traits, LocalDate today, boolean namesArePersonal) {
    ObjectNode kept = traits.objectNode();
    Map<String, JsonNode> personal = new LinkedHashMap<>();
    List<String> dropped = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : traits.properties()) {
      Optional<String> field = fieldOf(e.getKey());
      if (field.isPresent() && !namesArePersonal && isBareName(e.getKey())) {
        field = Optional.empty();
      }
      if (field.isEmpty() && holdsEmail(e.getValue())) {
        field = Optional.of(e.getKey());
      }
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
