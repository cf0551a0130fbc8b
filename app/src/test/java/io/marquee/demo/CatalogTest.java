package io.marquee.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.marquee.core.Title;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CatalogTest {
  private final List<Title> catalog = new PlatformGenerator(3, 1000).catalog();

  @Test
  void smallPlatformsGetTheMinimumCatalog() {
    Map<String, Long> kinds = countKinds(catalog);

    assertThat(kinds.get("film")).isEqualTo(500);
    assertThat(kinds.get("series")).isEqualTo(60);
    assertThat(kinds.get("track")).isEqualTo(1000);
    assertThat(kinds.get("episode")).isBetween(60L * 6, 60L * 5 * 12);
  }

  @Test
  void catalogScalesWithUsersAndStaysUnderSixtyThousandTitles() {
    List<Title> big = new PlatformGenerator(3, 100_000).catalog();
    Map<String, Long> kinds = countKinds(big);

    assertThat(kinds.get("film")).isEqualTo(5000);
    assertThat(kinds.get("series")).isEqualTo(666);
    assertThat(kinds.get("track")).isEqualTo(10_000);
    assertThat(big).hasSizeLessThan(60_000);
  }

  @Test
  void assetIdsAreUniqueAndWellFormed() {
    Set<String> ids = new HashSet<>();
    for (Title t : catalog) {
      assertThat(ids.add(t.assetId())).as("duplicate %s", t.assetId()).isTrue();
      String pattern =
          switch (t.kind()) {
            case "film" -> "film-\\d{5}";
            case "series" -> "series-\\d{4}";
            case "episode" -> "ep-\\d{4}-s\\d{2}e\\d{2}";
            default -> "track-\\d{6}";
          };
      assertThat(t.assetId()).matches(pattern);
    }
  }

  @Test
  void titlesHaveGenresRatingsRuntimesAndYearsOfTheirKind() {
    for (Title t : catalog) {
      assertThat(t.title()).isNotBlank();
      assertThat(t.genres()).isNotEmpty().doesNotHaveDuplicates();
      assertThat(t.releaseYear()).isBetween(1950, 2026);
      switch (t.kind()) {
        case "film" -> {
          assertThat(Genres.VIDEO).containsAll(t.genres());
          assertThat(t.maturityRating()).isIn("G", "PG", "PG-13", "R");
          assertThat(t.runtimeSeconds()).isBetween(80 * 60, 180 * 60);
          assertThat(t.mediaType()).isEqualTo("video");
        }
        case "series" -> {
          assertThat(t.maturityRating()).isIn("TV-Y", "TV-PG", "TV-14", "TV-MA");
          assertThat(t.runtimeSeconds()).isNull();
        }
        case "episode" -> {
          assertThat(Genres.VIDEO).containsAll(t.genres());
          assertThat(t.maturityRating()).isIn("TV-Y", "TV-PG", "TV-14", "TV-MA");
          assertThat(t.runtimeSeconds()).isBetween(20 * 60, 60 * 60);
          assertThat(t.series()).isNotBlank();
          assertThat(t.season()).isBetween(1, 5);
          assertThat(t.episode()).isBetween(1, 12);
          assertThat(t.assetId())
              .endsWith(String.format("-s%02de%02d", t.season(), t.episode()));
        }
        default -> {
          assertThat(t.kind()).isEqualTo("track");
          assertThat(t.genres()).hasSize(1);
          assertThat(Genres.MUSIC).containsAll(t.genres());
          assertThat(t.maturityRating()).isNull();
          assertThat(t.runtimeSeconds()).isBetween(120, 360);
          assertThat(t.mediaType()).isEqualTo("audio");
          assertThat(t.series()).as("album").isNotBlank();
        }
      }
    }
  }

  @Test
  void everyGenreIsRepresented() {
    Set<String> genres =
        catalog.stream().flatMap(t -> t.genres().stream()).collect(Collectors.toSet());

    assertThat(genres).containsExactlyInAnyOrderElementsOf(Genres.ALL);
  }

  @Test
  void seriesHaveSixToTwelveEpisodesPerSeasonWithTheSeriesRating() {
    Map<String, Title> series =
        catalog.stream()
            .filter(t -> t.kind().equals("series"))
            .collect(Collectors.toMap(t -> t.assetId().substring(7), t -> t));
    Map<String, Long> perSeason =
        catalog.stream()
            .filter(t -> t.kind().equals("episode"))
            .collect(
                Collectors.groupingBy(t -> t.assetId().substring(0, 11), Collectors.counting()));

    assertThat(perSeason.values()).allSatisfy(n -> assertThat(n).isBetween(6L, 12L));
    catalog.stream()
        .filter(t -> t.kind().equals("episode"))
        .forEach(
            e -> {
              Title s = series.get(e.assetId().substring(3, 7));
              assertThat(e.series()).isEqualTo(s.title());
              assertThat(e.maturityRating()).isEqualTo(s.maturityRating());
            });
  }

  private static Map<String, Long> countKinds(List<Title> titles) {
    return titles.stream().collect(Collectors.groupingBy(Title::kind, Collectors.counting()));
  }

  @Test
  void everyEpisode_namesItsSeriesRow_andEveryTrackItsArtist() {
    Map<String, Title> series = catalog.stream().filter(t -> t.kind().equals("series"))
        .collect(Collectors.toMap(Title::assetId, t -> t));
    for (Title t : catalog) {
      switch (t.kind()) {
        case "episode" -> {
          assertThat(series).containsKey(t.seriesId());
          assertThat(series.get(t.seriesId()).title()).isEqualTo(t.series());
        }
        case "track" -> assertThat(t.artist()).isNotBlank();
        default -> assertThat(t.seriesId()).isNull();
      }
    }
  }
}
