package io.marquee.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The rejection codes are a stable, documented vocabulary. */
class RejectionCodeTest {
  private static final Path API_DOC = Path.of("..", "docs", "api.md");

  @Test
  void everyCode_isLowerSnakeCase_unique_andFoundByItsName() {
    Set<String> seen = new HashSet<>();
    for (RejectionCode c : RejectionCode.values()) {
      assertThat(c.code()).matches("[a-z]+(_[a-z0-9]+)*");
      assertThat(seen.add(c.code())).as(c.code()).isTrue();
      assertThat(RejectionCode.of(c.code())).isSameAs(c);
      assertThat(c.meaning()).isNotBlank();
    }
    assertThat(RejectionCode.of("bad_request")).isNull();
  }

  @Test
  void apiDoc_hasOneRowPerCode_andNoRowForACodeThatDoesNotExist() throws Exception {
    String doc = Files.readString(API_DOC);
    int table = doc.indexOf("## Error codes");
    assertThat(table).as("docs/api.md has an 'Error codes' section").isPositive();
    int end = doc.indexOf("\n## ", table + 1);
    String section = end < 0 ? doc.substring(table) : doc.substring(table, end);
    Set<String> documented = new HashSet<>();
    Matcher row = Pattern.compile("(?m)^\\| `([a-z0-9_]+)` \\|").matcher(section);
    while (row.find()) {
      documented.add(row.group(1));
    }
    assertThat(documented).containsExactlyInAnyOrderElementsOf(
        Arrays.stream(RejectionCode.values()).map(RejectionCode::code).toList());
  }

  @Test
  void aRejection_carriesItsCode_andRefusesOneThatIsNotKnown() {
    Rejection r = new Rejection(3, "m1", RejectionCode.NO_USER.because("userId or anonymousId is required"));
    assertThat(r.code()).isEqualTo("no_user");
    assertThat(r.error()).isEqualTo("userId or anonymousId is required");
    assertThat(r.reason().code()).isEqualTo(RejectionCode.NO_USER);
    assertThatThrownBy(() -> new Rejection(0, null, "oops", "made_up"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("made_up");
  }
}
