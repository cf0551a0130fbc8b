package io.marquee.adexport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PersonalFieldsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static void assertSameAsJackson(String plain) throws Exception {
    byte[] bytes = plain.getBytes(StandardCharsets.UTF_8);
    assertThat(PersonalFields.value(JSON, bytes)).as(plain).isEqualTo(JSON.readTree(bytes));
  }

  @Test
  void aDecryptedValue_isTheNodeJacksonReads_whetherTakenAsItStandsOrParsed() throws Exception {
    for (String plain : List.of("\"mail.u007@example.com\"", "\"+33 6 12 34 00 07\"", "\"\"", "\"Élodie\"",
        "\"a\\\"b\"", "\"tab\\there\"", "\"\\u00e9\"", "\"x y\"", "42", "-1.5", "true", "null",
        "{\"street\":\"1 rue X\",\"postalCode\":\"75011\"}", "[\"a\",\"b\"]", "\"~\"", "\" lead\"")) {
      assertSameAsJackson(plain);
    }
  }

  @Test
  void randomStrings_encodedByJackson_readBackAsJacksonReadsThem() throws Exception {
    Random random = new Random(42);
    for (int i = 0; i < 2_000; i++) {
      StringBuilder s = new StringBuilder();
      int length = random.nextInt(12);
      for (int j = 0; j < length; j++) {
        // mostly printable ASCII, sometimes a control character, a quote, a backslash or a non-ASCII letter
        int kind = random.nextInt(10);
        s.append(kind == 0 ? (char) random.nextInt(0x20) : kind == 1 ? '"' : kind == 2 ? '\\' : kind == 3 ? 'é'
            : (char) (0x20 + random.nextInt(0x5f)));
      }
      assertSameAsJackson(JSON.writeValueAsString(s.toString()));
    }
  }
}
