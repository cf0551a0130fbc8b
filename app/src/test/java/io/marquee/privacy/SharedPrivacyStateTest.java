package io.marquee.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marquee.collect.WriteKeys;
import io.marquee.core.ConsentChoice;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hooks through which suppressions, consent and write keys are shared beyond a data dir. */
class SharedPrivacyStateTest {
  @TempDir Path dataDir;

  @Test
  void suppressions_sharedUnderTheOwnersSalt_containTheSameIds() throws Exception {
    Suppressions owner = Suppressions.open(dataDir);
    List<String> heard = new ArrayList<>();
    owner.onAdd(heard::add);
    owner.add("erin");
    owner.add("erin"); // a retried erasure announces again
    assertThat(heard).hasSize(2).doesNotContain("erin");
    Suppressions collector = Suppressions.shared(owner.salt());
    assertThat(collector.contains("erin")).isFalse();
    heard.forEach(collector::addDigest);
    assertThat(collector.contains("erin")).isTrue();
    assertThat(collector.contains("frank")).isFalse();
    assertThat(Suppressions.shared(new byte[32]).digests()).isEmpty();
    assertThatThrownBy(() -> collector.add("frank")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> collector.addDigest("erin")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void consent_recordedIsAnnounced_appliedSharedIsNot_andForgetAnnouncesTheCategories() {
    ConsentRegistry r = new ConsentRegistry();
    List<String> heard = new ArrayList<>();
    r.listen(new ConsentRegistry.Listener() {
      @Override
      public void recorded(String userId, Map<String, Boolean> choices) {
        heard.add("recorded " + userId + " " + choices);
      }

      @Override
      public void forgotten(String userId, Set<String> categories) {
        heard.add("forgotten " + userId + " " + new java.util.TreeSet<>(categories));
      }
    });
    r.record(new ConsentChoice("u", "api", Map.of("analytics", false)), id -> false);
    r.record(new ConsentChoice("v", "api", Map.of("analytics", false)), id -> true); // erased: not recorded
    r.applyShared("u", "marketing", true);
    assertThat(r.allows("u", "analytics")).isFalse();
    assertThat(r.optedIn("u", "marketing")).isTrue();
    r.applyShared("u", "analytics", null);
    assertThat(r.allows("u", "analytics")).isTrue();
    r.forget("u");
    r.forget("nobody");
    assertThat(heard).containsExactly("recorded u {analytics=false}", "forgotten u [marketing]");
  }

  @Test
  void writeKeys_sharedAcceptOnlyTheDigestsGiven_andTheOwnerAnnouncesEachNewKey() throws Exception {
    WriteKeys owner = WriteKeys.load(dataDir);
    List<String> heard = new ArrayList<>();
    owner.onAdd(heard::add);
    owner.add("wk_one");
    owner.add("wk_one");
    assertThat(heard).hasSize(1).doesNotContain("wk_one");
    WriteKeys collector = WriteKeys.shared();
    assertThat(collector.sourceFor("wk_one")).isNull();
    collector.addDigest(heard.get(0));
    assertThat(collector.sourceFor("wk_one")).isEqualTo(WriteKeys.sourceIdOf("wk_one"));
    assertThat(collector.digests()).isEqualTo(owner.digests());
    assertThatThrownBy(() -> collector.add("wk_two")).isInstanceOf(IllegalStateException.class);
  }
}
