package io.marquee.collect;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.marquee.vault.PersonalData;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A cheap pre-filter on the streaming path: does a JSON subtree hold anything that might be personal
 * data or card data? A yes sends the message down the tree path, where the vault's exact rules
 * ({@code PersonalData}, {@code CardNumbers}) decide; a no is final. It flags personal-data field
 * names (email, phone, address, birthday...; not {@code name}, which is everywhere in contexts),
 * card-like field names, and any value holding a run of 13 or more digits.
 */
final class Sensitive {
  private static final Set<String> CARD_KEYS = Set.of("cvv", "cvc", "cvv2", "cvc2", "csc", "pan", "cc",
      "ccn", "ccno", "ccnum", "ccnumber", "securitycode", "primaryaccountnumber");
  private static final Map<String, Boolean> KEYS = new ConcurrentHashMap<>();
  private static final int MAX_CACHED = 10_000;
  private static final int CARD_DIGITS = 13;

  private Sensitive() {}

  /** Consumes the value at the current token; true if anything in it looks sensitive. */
  static boolean in(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
      boolean found = false;
      int depth = 1;
      while (depth > 0) {
        JsonToken n = p.nextToken();
        if (n == JsonToken.START_OBJECT || n == JsonToken.START_ARRAY) {
          depth++;
        } else if (n == JsonToken.END_OBJECT || n == JsonToken.END_ARRAY) {
          depth--;
        } else if (n == JsonToken.FIELD_NAME) {
          found |= key(p.currentName());
        } else if (!found) {
          found = scalar(p, n);
        }
      }
      return found;
    }
    return scalar(p, t);
  }

  static boolean key(String name) {
    Boolean cached = KEYS.get(name);
    if (cached != null) {
      return cached;
    }
    String k = name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    boolean sensitive = (!k.equals("name") && PersonalData.fieldOf(name).isPresent())
        || k.contains("card") || CARD_KEYS.contains(k) || hasDigitRun(name.toCharArray(), 0, name.length());
    if (KEYS.size() < MAX_CACHED) {
      KEYS.put(name, sensitive);
    }
    return sensitive;
  }

  private static boolean scalar(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_STRING) {
      return p.getTextLength() >= CARD_DIGITS
          && hasDigitRun(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
    }
    if (t == JsonToken.VALUE_NUMBER_INT) {
      return p.getNumberType() != JsonParser.NumberType.INT && Math.abs(p.getValueAsDouble()) >= 1e12;
    }
    return false;
  }

  /** True when the text holds 13+ digits in a run, single spaces or dashes allowed between them. */
  static boolean hasDigitRun(char[] text, int offset, int length) {
    int digits = 0;
    boolean lastWasDigit = false;
    for (int i = offset; i < offset + length; i++) {
      char c = text[i];
      if (c >= '0' && c <= '9') {
        if (++digits >= CARD_DIGITS) {
          return true;
        }
        lastWasDigit = true;
      } else if ((c == ' ' || c == '-') && lastWasDigit) {
        lastWasDigit = false;
      } else {
        digits = 0;
        lastWasDigit = false;
      }
    }
    return false;
  }
}
