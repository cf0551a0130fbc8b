package io.marquee.adexport;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The E.164 form of the phone numbers of one export, each distinct (raw number, region) parsed once:
 * libphonenumber's parse and validation is the costliest step of a member's line. One instance per
 * export, dropped with it (it holds the export's numbers in memory for as long as the export runs).
 * Shared by the export's workers: two that meet a new number at once may both parse it, to the same
 * answer.
 */
final class Phones {
  /** Stands for "does not parse", so that a bad number is not parsed again either. */
  private static final String NONE = "";
  private final Map<String, String> e164 = new ConcurrentHashMap<>();

  /** {@link Normalize#phoneE164} of the number, remembered for the rest of this export. */
  String e164(String raw, String country) {
    if (raw == null) {
      return null;
    }
    String key = (country == null ? "" : country) + '\u0000' + raw;
    String known = e164.get(key);
    if (known == null) {
      String parsed = Normalize.phoneE164(raw, country);
      known = parsed == null ? NONE : parsed;
      e164.putIfAbsent(key, known);
    }
    return known.isEmpty() ? null : known;
  }
}
