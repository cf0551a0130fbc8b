package io.marquee.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marquee.core.Title;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The MovieLens-to-Marquee mapping of genres, titles and field values. */
class MovieLensRowsTest {

  @ParameterizedTest
  @CsvSource(
      quoteCharacter = '"',
      nullValues = "NONE",
      value = {
        "Sci-Fi, sci-fi",
        "Children's, kids",
        "Children, kids",
        "Film-Noir, film-noir",
        "(no genres listed), NONE",
        "unknown, NONE",
        "Action, action",
        "Documentary, documentary",
        "IMAX, imax",
      })
  void genresUseThePlatformVocabulary(String movieLens, String platform) {
    assertThat(MovieLensRows.genre(movieLens)).isEqualTo(platform);
  }

  @Test
  void genreListsDropNonGenresAndRepeats() {
    assertThat(MovieLensRows.genres(List.of("Children", "unknown", "Children's", "Sci-Fi")))
        .containsExactly("kids", "sci-fi");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      nullValues = "NONE",
      value = {
        "Toy Story (1995); Toy Story; 1995",
        "American President, The (1995); American President, The; 1995",
        "'Two Friends (1986) '; Two Friends; 1986",
        "Babylon 5; Babylon 5; NONE",
        "Death Note: Desu nôto (2006–2007); Death Note: Desu nôto; 2006",
        "Seven (a.k.a. Se7en) (1995); Seven (a.k.a. Se7en); 1995",
        "(1995); (1995); NONE",
      })
  void aTrailingYearMovesIntoTheReleaseYear(String raw, String name, Integer year) throws BadRowException {
    Title title = MovieLensRows.film("7", raw, List.of(), null);
    assertThat(title.title()).isEqualTo(name);
    assertThat(title.releaseYear()).isEqualTo(year);
    assertThat(title.assetId()).isEqualTo("ml-7");
    assertThat(title.kind()).isEqualTo("film");
    assertThat(title.mediaType()).isEqualTo("video");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "x", "3,5", "NaN", "Infinity", "0x1p1", "3d", "-1", "0", "5.5"})
  void badRatingsAreRefused(String rating) {
    assertThatThrownBy(() -> MovieLensRows.rating(rating)).isInstanceOf(BadRowException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.5", "1", "3.5", "5", "5.0"})
  void goodRatingsAreKept(String rating) throws BadRowException {
    assertThat(MovieLensRows.rating(rating)).isEqualTo(Double.parseDouble(rating));
  }

  @Test
  void idsAreCanonical() throws BadRowException {
    assertThat(MovieLensRows.id(" 007 ", "user id")).isEqualTo("7");
    assertThatThrownBy(() -> MovieLensRows.id("7a", "user id"))
        .hasMessage("user id \"7a\" is not a whole number");
  }
}
