package io.marquee.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PlatformGeneratorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void sameSeedGivesIdenticalCatalogAndMessages() throws Exception {
    PlatformGenerator first = new PlatformGenerator(7, 500);
    PlatformGenerator second = new PlatformGenerator(7, 500);

    assertThat(JSON.writeValueAsString(second.catalog()))
        .isEqualTo(JSON.writeValueAsString(first.catalog()));
    for (int user : new int[] {0, 1, 42, 499}) {
      assertThat(json(second.userMessages(user))).isEqualTo(json(first.userMessages(user)));
    }
  }

  @Test
  void usersDoNotDependOnGenerationOrderOrThreads() throws Exception {
    PlatformGenerator generator = new PlatformGenerator(11, 200);
    String alone = json(new PlatformGenerator(11, 200).userMessages(150));

    List<String> parallel =
        IntStream.range(0, 200)
            .parallel()
            .mapToObj(i -> json(generator.userMessages(199 - i)))
            .collect(Collectors.toList());

    assertThat(parallel.get(199 - 150)).isEqualTo(alone);
    assertThat(json(generator.userMessages(150))).isEqualTo(alone);
  }

  @Test
  void differentSeedsDiffer() throws Exception {
    PlatformGenerator a = new PlatformGenerator(1, 500);
    PlatformGenerator b = new PlatformGenerator(2, 500);

    assertThat(JSON.writeValueAsString(a.catalog()))
        .isNotEqualTo(JSON.writeValueAsString(b.catalog()));
    assertThat(json(a.userMessages(3))).isNotEqualTo(json(b.userMessages(3)));
  }

  @Test
  void differentUsersDiffer() {
    PlatformGenerator generator = new PlatformGenerator(1, 10);

    assertThat(json(generator.userMessages(0))).isNotEqualTo(json(generator.userMessages(1)));
  }

  @Test
  void reportsUserCountAndRejectsUsersOutOfRange() {
    PlatformGenerator generator = new PlatformGenerator(1, 10);

    assertThat(generator.userCount()).isEqualTo(10);
    assertThatThrownBy(() -> generator.userMessages(10))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> generator.userMessages(-1))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> new PlatformGenerator(1, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void messagesFallInTheNinetyDaysBeforeTheGivenEnd() {
    java.time.Instant end = java.time.Instant.parse("2031-03-15T18:00:00Z");
    PlatformGenerator generator = new PlatformGenerator(3, 50, end);

    assertThat(generator.windowEnd()).isEqualTo(end);
    for (int u = 0; u < 50; u++) {
      for (ObjectNode m : generator.userMessages(u)) {
        java.time.Instant at = java.time.Instant.parse(m.get("timestamp").textValue());
        assertThat(at).as("%s", m).isBefore(end).isAfterOrEqualTo(end.minus(java.time.Duration.ofDays(90)));
      }
    }
  }

  @Test
  void theEndMovesTimesAndNothingElse() {
    PlatformGenerator pinned = new PlatformGenerator(3, 20);
    PlatformGenerator later = new PlatformGenerator(3, 20, java.time.Instant.parse("2026-12-01T00:00:00Z"));

    assertThat(pinned.windowEnd()).isEqualTo(java.time.Instant.parse("2026-11-01T00:00:00Z"));
    assertThat((Object) JSON.valueToTree(later.catalog())).isEqualTo(JSON.valueToTree(pinned.catalog()));
    assertThat(later.userMessages(4).get(0).get("messageId"))
        .isEqualTo(pinned.userMessages(4).get(0).get("messageId"));
    assertThat(later.userMessages(4).get(0).get("timestamp"))
        .isNotEqualTo(pinned.userMessages(4).get(0).get("timestamp"));
  }

  @Test
  void zeroUsersStillHasACatalog() {
    PlatformGenerator generator = new PlatformGenerator(1, 0);

    assertThat(generator.userCount()).isZero();
    assertThat(generator.catalog()).isNotEmpty();
  }

  private static String json(List<ObjectNode> messages) {
    try {
      return JSON.writeValueAsString(messages);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
