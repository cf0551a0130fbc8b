package io.marquee.bench;

/**
 * Digit writing into byte arrays at fixed offsets, the only work of the load generator's hot loop.
 */
final class Digits {

  private static final long MILLIS_PER_DAY = 86_400_000L;

  /**
   * Width of {@code yyyy-MM-ddTHH:mm:ss.SSSZ}, the timestamp form written by {@link
   * #writeIsoMillis}.
   */
  static final int ISO_MILLIS_WIDTH = 24;

  private Digits() {}

  /** Writes {@code value} as exactly {@code width} decimal digits, zero-padded on the left. */
  static void writeZeroPadded(byte[] out, int offset, int width, long value) {
    if (value < 0) {
      throw new IllegalArgumentException("negative value " + value);
    }
    long v = value;
    for (int i = offset + width - 1; i >= offset; i--) {
      out[i] = (byte) ('0' + (int) (v % 10));
      v /= 10;
    }
    if (v != 0) {
      throw new IllegalArgumentException(value + " does not fit in " + width + " digits");
    }
  }

  /**
   * Writes {@code value} right-aligned in {@code width} bytes, padded on the left with spaces
   * (which JSON allows before a number, unlike leading zeros).
   */
  static void writeSpacePadded(byte[] out, int offset, int width, long value) {
    if (value < 0) {
      throw new IllegalArgumentException("negative value " + value);
    }
    long v = value;
    int i = offset + width - 1;
    do {
      if (i < offset) {
        throw new IllegalArgumentException(value + " does not fit in " + width + " characters");
      }
      out[i--] = (byte) ('0' + (int) (v % 10));
      v /= 10;
    } while (v != 0);
    while (i >= offset) {
      out[i--] = ' ';
    }
  }

  /**
   * Writes an instant as {@code yyyy-MM-ddTHH:mm:ss.SSSZ} (UTC, {@value #ISO_MILLIS_WIDTH} bytes),
   * for years 0 to 9999, without allocating.
   */
  static void writeIsoMillis(byte[] out, int offset, long epochMillis) {
    long days = Math.floorDiv(epochMillis, MILLIS_PER_DAY);
    int millisOfDay = (int) Math.floorMod(epochMillis, MILLIS_PER_DAY);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long dayOfEra = z - era * 146_097;
    long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long mp = (5 * dayOfYear + 2) / 153;
    long day = dayOfYear - (153 * mp + 2) / 5 + 1;
    long month = mp < 10 ? mp + 3 : mp - 9;
    long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    writeZeroPadded(out, offset, 4, year);
    out[offset + 4] = '-';
    writeZeroPadded(out, offset + 5, 2, month);
    out[offset + 7] = '-';
    writeZeroPadded(out, offset + 8, 2, day);
    out[offset + 10] = 'T';
    writeZeroPadded(out, offset + 11, 2, millisOfDay / 3_600_000);
    out[offset + 13] = ':';
    writeZeroPadded(out, offset + 14, 2, millisOfDay / 60_000 % 60);
    out[offset + 16] = ':';
    writeZeroPadded(out, offset + 17, 2, millisOfDay / 1000 % 60);
    out[offset + 19] = '.';
    writeZeroPadded(out, offset + 20, 3, millisOfDay % 1000);
    out[offset + 23] = 'Z';
  }

  /** The {@link #writeIsoMillis} form of an instant as a string. */
  static String isoMillis(long epochMillis) {
    byte[] b = new byte[ISO_MILLIS_WIDTH];
    writeIsoMillis(b, 0, epochMillis);
    return new String(b, java.nio.charset.StandardCharsets.US_ASCII);
  }
}
