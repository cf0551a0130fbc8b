package io.marquee.capability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServicesTest {
  private final Services root = Services.root(Path.of("data"));

  @Test
  void get_returnsTheServiceOfferedForItsType() {
    root.offer(StringBuilder.class, new StringBuilder("x"));
    assertThat(root.get(StringBuilder.class)).hasToString("x");
    assertThat(root.dataDir()).isEqualTo(Path.of("data"));
  }

  @Test
  void get_withoutTheService_namesTheTypeAndWhatIsRegistered() {
    root.offer(StringBuilder.class, new StringBuilder());
    assertThatThrownBy(() -> root.get(Integer.class))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no Integer service").hasMessageContaining("registered: [StringBuilder]");
  }

  @Test
  void aNullService_isAbsent_findIsEmptyAndGetSaysTheNodeRunsWithoutIt() {
    root.offer(StringBuilder.class, null);
    assertThat(root.find(StringBuilder.class)).isEmpty();
    assertThatThrownBy(() -> root.get(StringBuilder.class)).hasMessageContaining("runs without one");
  }

  @Test
  void offeringATypeTwice_isRefused_alsoFromAScope() {
    root.offer(StringBuilder.class, new StringBuilder());
    assertThatThrownBy(() -> root.offer(StringBuilder.class, new StringBuilder()))
        .hasMessageContaining("StringBuilder service is already registered");
    assertThatThrownBy(() -> root.scope().offer(StringBuilder.class, null))
        .hasMessageContaining("already registered");
  }

  @Test
  void aScope_fallsBackToItsRoot_andItsOwnServicesStayOutOfTheRoot() {
    root.offer(StringBuilder.class, new StringBuilder("root"));
    Services scope = root.scope().offer(Integer.class, 7);
    assertThat(scope.get(StringBuilder.class)).hasToString("root");
    assertThat(scope.get(Integer.class)).isEqualTo(7);
    assertThat(root.find(Integer.class)).isEmpty();
    assertThat(root.scope().find(Integer.class)).isEmpty();
  }

  @Test
  void stop_drainsEveryStoppable_thenClosesNewestFirst_evenWhenOneThrows() throws Exception {
    List<String> calls = new ArrayList<>();
    Services scope = root.scope();
    scope.onStop(stoppable("first", calls, false));
    scope.onStop(stoppable("second", calls, true));
    scope.onStop(stoppable("third", calls, false));
    assertThat(scope.drain(Duration.ofSeconds(1))).isFalse(); // "second" had requests left
    assertThatThrownBy(scope::close).hasMessage("second failed to close");
    assertThat(calls).containsExactly("drain third", "drain second", "drain first",
        "close third", "close second", "close first");
    scope.close(); // closed once: nothing left to close
    assertThat(calls).hasSize(6);
  }

  private static Stoppable stoppable(String name, List<String> calls, boolean fails) {
    return new Stoppable() {
      @Override
      public boolean drain(Duration timeout) {
        calls.add("drain " + name);
        return !fails;
      }

      @Override
      public void close() {
        calls.add("close " + name);
        if (fails) {
          throw new IllegalStateException(name + " failed to close");
        }
      }
    };
  }
}
