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

  @Test
  void ml100kLayout_readsRatingsGenresAndDemographics() throws IOException {
    Files.writeString(dir.resolve("u.data"), "196\t242\t3\t881250949\n186\t302\t3\t891717742\n"
        + "196\t302\t5\t881250950\n");
    Files.writeString(dir.resolve("u.genre"), "unknown|0\nAction|1\nComedy|2\n\n");
    Files.writeString(dir.resolve("u.item"),
        "242|Kolya (1996)|24-Jan-1997||http://x|0|0|1\n302|L.A. Confidential (1997)|01-Jan-1997||http://y|0|1|0\n");
    Files.writeString(dir.resolve("u.user"), "196|49|M|writer|55105\n186|39|F|executive|00000\n");

    MovieLens ml = MovieLens.read(dir);

    assertThat(ml.size()).isEqualTo(3);
    assertThat(ml.users.size()).isEqualTo(2);
    assertThat(ml.items.id(ml.item[2])).isEqualTo("302");
    assertThat(ml.rating).containsExactly(3f, 3f, 5f);
    assertThat(ml.time[0]).isEqualTo(881250949L);
    int kolya = ml.items.indexOf("242");
    assertThat(ml.features.title(kolya)).isEqualTo("Kolya (1996)");
    assertThat(ml.features.genreName(ml.features.genresOf(kolya)[0])).isEqualTo("comedy");
    UserProfile p = ml.profiles[ml.users.indexOf("186")];
    assertThat(p.age()).isEqualTo(39);
    assertThat(p.genderKey()).isEqualTo("f");
    assertThat(p.country()).isEqualTo("US");
  }

  @Test
  void latestLayout_readsRatingsCsvWithAHeader_andQuotedMovieTitles() throws IOException {
    Files.writeString(dir.resolve("ratings.csv"),
        "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,3,4.5,964981247\n2,1,0.5,1\n");
    Files.writeString(dir.resolve("movies.csv"), "movieId,title,genres\n"
        + "1,Toy Story (1995),Adventure|Animation\n"
        + "3,\"American President, The (1995)\",(no genres listed)\n");

    MovieLens ml = MovieLens.read(dir);

    assertThat(ml.size()).isEqualTo(3);
    assertThat(ml.rating).containsExactly(4f, 4.5f, 0.5f);
    int president = ml.items.indexOf("3");
    assertThat(ml.features.title(president)).isEqualTo("American President, The (1995)");
    assertThat(ml.features.genresOf(president)).isEmpty();
    assertThat(ml.features.genresOf(ml.items.indexOf("1"))).hasSize(2);
    assertThat(ml.profiles[0]).isNull();
  }

  @Test
  void csvFields_handleQuotesAndEscapedQuotes() {
    assertThat(MovieLens.csvFields("1,\"a, \"\"b\"\"\",c")).containsExactly("1", "a, \"b\"", "c");
    assertThat(MovieLens.csvFields("x,,")).containsExactly("x", "", "");
  }

  @Test
  void aDirectoryWithoutRatings_isRefusedWithBothLayoutsNamed() {
    assertThatThrownBy(() -> MovieLens.read(dir))
        .hasMessageContaining("u.data").hasMessageContaining("ratings.csv");
  }
}
