package io.marquee.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MovieLensTest {
  @TempDir Path dir;

  /** A u.item line: id, title, release date, then the 19 genre flags with {@code flags} set. */
  private static String item(int id, String title, String date, int... flags) {
    StringBuilder line = new StringBuilder(id + "|" + title + "|" + date + "||http://x");
    boolean[] set = new boolean[19];
    for (int f : flags) {
      set[f] = true;
    }
    for (boolean b : set) {
      line.append(b ? "|1" : "|0");
    }
    return line.append('\n').toString();
  }

  private static java.util.List<String> genres(MovieLens ml, int item) {
    return java.util.Arrays.stream(ml.features.genresOf(item)).mapToObj(ml.features::genreName).toList();
  }

  @Test
  void ml100kLayout_readsRatingsGenresAndDemographics_asTheImportDoes() throws IOException {
    Files.writeString(dir.resolve("u.data"), "196\t242\t3\t881250949\n186\t302\t3\t891717742\n"
        + "196\t302\t5\t881250950\n");
    // genre flags 4 = Children's, 5 = Comedy, 6 = Crime
    Files.writeString(dir.resolve("u.item"),
        item(242, "Kolya (1996)", "24-Jan-1997", 4, 5) + item(302, "L.A. Confidential (1997)", "01-Jan-1997", 6));
    Files.writeString(dir.resolve("u.user"), "196|49|M|writer|55105\n186|39|F|executive|00000\n");

    MovieLens ml = MovieLens.read(dir);

    assertThat(ml.size()).isEqualTo(3);
    assertThat(ml.users.size()).isEqualTo(2);
    assertThat(ml.items.id(ml.item[2])).isEqualTo("ml-302");
    assertThat(ml.rating).containsExactly(3f, 3f, 5f);
    assertThat(ml.time[0]).isEqualTo(881250949L);
    int kolya = ml.items.indexOf("ml-242");
    assertThat(ml.features.title(kolya)).isEqualTo("Kolya");
    assertThat(ml.features.kind(kolya)).isEqualTo("film");
    // the platform's vocabulary, as imported and served: "Children's" is "kids"
    assertThat(genres(ml, kolya)).containsExactly("kids", "comedy");
    UserProfile p = ml.profiles[ml.users.indexOf("ml-186")];
    assertThat(p.age()).isEqualTo(39);
    assertThat(p.gender()).isEqualTo("female");
    assertThat(p.country()).isNull(); // an import sends no country either
    assertThat(ml.report.rejected()).isZero();
  }

  @Test
  void latestLayout_readsRatingsCsvWithAHeader_andQuotedMovieTitles() throws IOException {
    Files.writeString(dir.resolve("ratings.csv"),
        "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,3,4.5,964981247\n2,1,0.5,1\n");
    Files.writeString(dir.resolve("movies.csv"), "movieId,title,genres\n"
        + "1,Toy Story (1995),Adventure|Animation|Children\n"
        + "3,\"American President, The (1995)\",(no genres listed)\n");

    MovieLens ml = MovieLens.read(dir);

    assertThat(ml.size()).isEqualTo(3);
    assertThat(ml.rating).containsExactly(4f, 4.5f, 0.5f);
    int president = ml.items.indexOf("ml-3");
    assertThat(ml.features.title(president)).isEqualTo("American President, The");
    assertThat(ml.features.genresOf(president)).isEmpty();
    int toyStory = ml.items.indexOf("ml-1");
    assertThat(genres(ml, toyStory)).containsExactly("adventure", "animation", "kids");
    assertThat(ml.profiles[0]).isNull();
  }

  @Test
  void aRowTheImportRejects_isLeftOutOfTheEvaluationToo() throws IOException {
    Files.writeString(dir.resolve("ratings.csv"),
        "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,2,9,964981247\n");

    MovieLens ml = MovieLens.read(dir);

    assertThat(ml.size()).isEqualTo(1);
    assertThat(ml.report.rejected()).isEqualTo(1);
    assertThat(ml.report.errors()).singleElement().asString()
        .contains("ratings.csv line 3").contains("rating 9 is outside 0.5 to 5");
  }

  @Test
  void aDirectoryWithoutRatings_isRefusedWithBothLayoutsNamed() {
    assertThatThrownBy(() -> MovieLens.read(dir))
        .hasMessageContaining("u.data").hasMessageContaining("ratings.csv");
  }
}
