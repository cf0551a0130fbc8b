package io.marquee.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViewSessionizerTest {
  private static final Instant T0 = Instant.parse("2026-10-01T20:00:00Z");
  private final List<PlaybackEvent> events = new ArrayList<>();

  private void at(int wallSecond, String event, String asset, Double position) {
    events.add(new PlaybackEvent(events.size(), "s1", asset, "u1", null, "Video " + event, T0.plusSeconds(wallSecond),
        position, 1000.0, "video"));
  }

  private View only() {
    List<View> views = ViewSessionizer.sessionize(events);
    assertThat(views).hasSize(1);
    return views.get(0);
  }

  @Test
  void continuousPlay_countsContentSeconds() {
    at(0, "Playback Started", "a", 0.0);
    at(60, "Content Playing", "a", 60.0);
    at(120, "Content Playing", "a", 120.0);
    at(130, "Playback Exited", "a", 130.0);
    View v = only();
    assertThat(v.watchSeconds()).isCloseTo(130, within(1e-9));
    assertThat(v.maxPosition()).isEqualTo(130);
    assertThat(v.completed()).isFalse();
  }

  @Test
  void rewind_doesNotCountTwice() {
    at(0, "Playback Started", "a", 0.0);
    at(100, "Playback Seek Started", "a", 100.0);
    at(101, "Playback Seek Completed", "a", 40.0);
    at(161, "Content Playing", "a", 100.0);
    at(221, "Content Playing", "a", 160.0);
    assertThat(only().watchSeconds()).isCloseTo(160, within(1e-9));
  }

  @Test
  void pausesBufferingAndForwardSeeks_addNothing() {
    at(0, "Playback Started", "a", 0.0);
    at(10, "Playback Paused", "a", 10.0);
    at(500, "Playback Resumed", "a", 10.0);
    at(520, "Playback Buffer Started", "a", 30.0);
    at(540, "Playback Buffer Completed", "a", 30.0);
    at(550, "Playback Seek Started", "a", 40.0);
    at(551, "Playback Seek Completed", "a", 400.0);
    at(561, "Playback Exited", "a", 410.0);
    assertThat(only().watchSeconds()).isCloseTo(50, within(1e-9));
  }

  @Test
  void unreportedJump_isNotCreditedAsPlayback() {
    at(0, "Playback Started", "a", 0.0);
    at(10, "Content Playing", "a", 600.0);
    assertThat(only().watchSeconds()).isZero();
  }

  @Test
  void adsAreExcluded_andDoNotSwitchTheAsset() {
    at(0, "Playback Started", "a", 0.0);
    at(30, "Ad Started", "ad-1", 0.0);
    at(60, "Ad Completed", "ad-1", 30.0);
    at(120, "Content Playing", "a", 90.0);
    View v = only();
    assertThat(v.assetId()).isEqualTo("a");
    // the ad's own positions (0..30) are not content; content advanced 0 -> 90
    assertThat(v.watchSeconds()).isCloseTo(90, within(1e-9));
  }

  @Test
  void completion_byEventOrByNinetyPercent() {
    at(0, "Content Started", "a", 0.0);
    at(900, "Content Playing", "a", 900.0);
    assertThat(only().completed()).isTrue();
    events.clear();
    at(0, "Content Started", "b", 990.0);
    at(10, "Content Completed", "b", 1000.0);
    assertThat(only().completed()).isTrue();
  }

  @Test
  void bingeSession_givesOneViewPerEpisode_andEventsWithoutAssetFollowTheCurrentOne() {
    at(0, "Playback Started", "ep1", 0.0);
    at(0, "Content Started", "ep1", 0.0);
    at(600, "Content Completed", "ep1", 600.0);
    at(601, "Content Started", "ep2", 0.0);
    at(661, "Playback Paused", null, 60.0);
    at(700, "Playback Resumed", null, 60.0);
    at(760, "Playback Exited", null, 120.0);
    List<View> views = ViewSessionizer.sessionize(events);
    assertThat(views).extracting(View::assetId).containsExactly("ep1", "ep2");
    assertThat(views.get(0).watchSeconds()).isCloseTo(600, within(1e-9));
    assertThat(views.get(0).completed()).isTrue();
    assertThat(views.get(1).watchSeconds()).isCloseTo(120, within(1e-9));
    assertThat(views.get(1).viewId()).isEqualTo("s1:ep2");
  }
}
