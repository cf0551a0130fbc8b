package io.marquee.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DigitsTest {

  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  @Test
  void isoMillisMatchesJavaTimeAcrossFourCenturies() {
    SplittableRandom random = new SplittableRandom(42);
    long from = Instant.parse("1900-01-01T00:00:00Z").toEpochMilli();
    long to = Instant.parse("2300-01-01T00:00:00Z").toEpochMilli();
    for (int i = 0; i < 20_000; i++) {
      long millis = random.nextLong(from, to);
      assertThat(Digits.isoMillis(millis))
          .isEqualTo(ISO_MILLIS.format(Instant.ofEpochMilli(millis)));
    }
    for (String edge :
        new String[] {
          "1970-01-01T00:00:00.000Z",
          "2000-02-29T23:59:59.999Z",
          "2024-12-31T23:59:59.999Z",
          "2100-03-01T00:00:00.000Z",
          "1969-12-31T23:59:59.999Z"
        }) {
      assertThat(Digits.isoMillis(Instant.parse(edge).toEpochMilli())).isEqualTo(edge);
    }
  }

  @Test
  void writesFixedWidthNumbersInPlace() {
    byte[] b = "[xxxxx|xxxxx]".getBytes(StandardCharsets.US_ASCII);
    Digits.writeZeroPadded(b, 1, 5, 42);
    Digits.writeSpacePadded(b, 7, 5, 42);
    assertThat(new String(b, StandardCharsets.US_ASCII)).isEqualTo("[00042|   42]");
    Digits.writeSpacePadded(b, 7, 5, 0);
    Digits.writeZeroPadded(b, 1, 5, 99_999);
    assertThat(new String(b, StandardCharsets.US_ASCII)).isEqualTo("[99999|    0]");
    assertThatThrownBy(() -> Digits.writeZeroPadded(b, 1, 5, 100_000))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Digits.writeSpacePadded(b, 7, 5, 123_456))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
