package io.marquee.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionStateTest {
  private static final Instant T0 = Instant.parse("2026-10-01T20:00:00Z");

  private static PlaybackEvent beat(int i, String name, double position) {
    return new PlaybackEvent(i, "s", "a", "u", null, "Video " + name, T0.plusSeconds(10L * i), position, 3600.0,
        "video");
  }

  /** A session with a seek in the middle, so order matters. */
  private static List<PlaybackEvent> session() {
    List<PlaybackEvent> events = new ArrayList<>();
    events.add(beat(0, "Playback Started", 0));
    for (int i = 1; i < 60; i++) {
      events.add(beat(i, "Content Playing", 10.0 * i));
    }
    events.add(beat(60, "Playback Seek Started", 600));
    events.add(beat(61, "Playback Seek Completed", 1500));
    for (int i = 62; i < 120; i++) {
      events.add(beat(i, "Content Playing", 1500 + 10.0 * (i - 61)));
    }
    return events;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void eventsShuffledWithinTheWindow_giveTheSameViewsAsInOrder(long seed) {
    List<PlaybackEvent> events = session();
    List<View> expected = ViewSessionizer.sessionize(events);
    SplittableRandom random = new SplittableRandom(seed);
    SessionState state = new SessionState(new ViewSessionizer());
    int i = 0;
    while (i < events.size()) {
      int n = Math.min(events.size() - i, random.nextInt(1, 12));
      List<PlaybackEvent> chunk = new ArrayList<>(events.subList(i, i + n));
      Collections.shuffle(chunk, new java.util.Random(random.nextLong()));
      assertThat(state.add(chunk)).isTrue();
      i += n;
    }
    assertThat(state.views()).isEqualTo(expected);
  }

  @Test
  void eventOlderThanTheWindow_asksForARebuild() {
    List<PlaybackEvent> events = session();
    SessionState state = new SessionState(new ViewSessionizer());
    assertThat(state.add(events.subList(1, events.size()))).isTrue();
    assertThat(state.add(List.of(events.get(0)))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 30, 61, 100})
  void stateWrittenAndReadBack_continuesExactlyAsTheOriginal(int cut) throws Exception {
    List<PlaybackEvent> events = session();
    SessionState original = new SessionState(new ViewSessionizer());
    assertThat(original.add(events.subList(0, cut))).isTrue();
    SessionState copy = SessionState.decode(original.encode());
    assertThat(copy.views()).isEqualTo(original.views());
    assertThat(copy.subjects()).containsExactly("u");
    assertThat(copy.add(events.subList(cut, events.size()))).isTrue();
    assertThat(copy.views()).isEqualTo(ViewSessionizer.sessionize(events));
  }
}
