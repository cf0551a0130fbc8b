package io.marquee.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {
  private static byte[] bytes(int... b) {
    byte[] out = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = (byte) b[i];
    }
    return out;
  }

  @Test
  void asciiAndWellFormedMultibyteText_isValid() {
    assertThat(Utf8.firstInvalid("{\"a\":\"b\"}".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
    assertThat(Utf8.firstInvalid("{\"t\":\"Amélie 😀 東京\"}".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
    assertThat(Utf8.firstInvalid(new byte[0])).isEqualTo(-1);
  }

  @Test
  void overlongSlash_isInvalid_atItsOffset() {
    assertThat(Utf8.firstInvalid(bytes('a', 0xC0, 0xAF, 'b'))).isEqualTo(1);
  }

  @Test
  void surrogatesTruncatedSequencesAndStrayBytes_areInvalid() {
    assertThat(Utf8.firstInvalid(bytes('x', 0xED, 0xA0, 0x80))).isEqualTo(1);
    assertThat(Utf8.firstInvalid(bytes('x', 'y', 0xE6, 0x9D))).isEqualTo(2);
    assertThat(Utf8.firstInvalid(bytes(0xFF))).isZero();
    assertThat(Utf8.firstInvalid(bytes(0xF4, 0x90, 0x80, 0x80))).isZero();
  }

  @org.junit.jupiter.api.Test
  void asciiPrefix_findsTheFirstNonAsciiByte_atAnyOffsetAndLength() {
    java.util.SplittableRandom rng = new java.util.SplittableRandom(8);
    for (int round = 0; round < 2_000; round++) {
      byte[] b = new byte[rng.nextInt(0, 10_000)];
      for (int i = 0; i < b.length; i++) {
        b[i] = (byte) rng.nextInt(0, 128);
      }
      int expected = b.length;
      if (b.length > 0 && rng.nextBoolean()) {
        expected = rng.nextInt(b.length);
        b[expected] = (byte) rng.nextInt(-128, 0);
        for (int i = expected + 1; i < b.length; i++) {
          if (rng.nextInt(4) == 0) {
            b[i] = (byte) 0xC3;
          }
        }
      }
      org.assertj.core.api.Assertions.assertThat(Utf8.asciiPrefix(b)).as("round %d", round).isEqualTo(expected);
    }
  }
}
