package io.marquee.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marquee.core.Title;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Imports of the real MovieLens data sets (when present) and of small hand-made ones. */
class MovieLensImporterTest {
  private final InMemoryCatalog catalog = new InMemoryCatalog();
  private final RecordingSink sink = new RecordingSink().probing(() -> catalog.titles.size());
  private final MovieLensImporter importer = new MovieLensImporter(sink, catalog);

  @TempDir Path temp;

  @Test
  void ml100kGivesEveryRatingUserAndTitle() throws Exception {
    ImportReport report = importer.importDirectory(io.marquee.testing.SharedData.movieLens("ml-100k"));

    assertThat(sink.accepted("track", "Content Rated")).hasSize(100_000);
    assertThat(sink.accepted("identify", null)).hasSize(943);
    assertThat(sink.accepted).hasSize(100_943);
    assertThat(catalog.size()).isEqualTo(1_682);
    assertThat(report.errors()).isEmpty();
    assertThat(report)
        .extracting(
            ImportReport::read, ImportReport::accepted, ImportReport::duplicates,
            ImportReport::rejected, ImportReport::titles)
        .containsExactly(102_625L, 100_943L, 0L, 0L, 1_682L);
    // Batches of 5,000, and the whole catalog was written before the first one.
    assertThat(sink.batchSizes).allMatch(size -> size <= 5_000).startsWith(5_000);
    assertThat(sink.probes).containsOnly(1_682);
  }

  @Test
  void ml100kMessagesAndTitlesFollowTheMapping() throws Exception {
    importer.importDirectory(io.marquee.testing.SharedData.movieLens("ml-100k"));

    // First line of u.data: 196 242 3 881250949
    ObjectNode rating = sink.acceptedById("ml:196:242");
    assertThat(rating.path("type").asText()).isEqualTo("track");
    assertThat(rating.path("event").asText()).isEqualTo("Content Rated");
    assertThat(rating.path("userId").asText()).isEqualTo("ml-196");
    assertThat(rating.path("timestamp").asText()).isEqualTo("1997-12-04T15:55:49Z");
    JsonNode properties = rating.path("properties");
    assertThat(properties.path("asset_id").asText()).isEqualTo("ml-242");
    assertThat(properties.path("rating").isInt()).isTrue();
    assertThat(properties.path("rating").asInt()).isEqualTo(3);
    assertThat(properties.path("source").asText()).isEqualTo("movielens");

    // u.user: 1|24|M|technician|85711; user 1's earliest rating is 874965478.
    ObjectNode user = sink.acceptedById("ml:user:1");
    assertThat(user.path("userId").asText()).isEqualTo("ml-1");
    assertThat(user.path("timestamp").asText()).isEqualTo("1997-09-22T21:57:58Z");
    assertThat(user.path("traits").toString())
        .isEqualTo(
            "{\"age\":24,\"gender\":\"male\",\"occupation\":\"technician\","
                + "\"postal_code\":\"85711\"}");
    assertThat(sink.acceptedById("ml:user:2").path("traits").path("gender").asText())
        .isEqualTo("female");
    assertThat(sink.acceptedById("ml:user:74").path("traits").path("postal_code").asText())
        .isEqualTo("T8H1N");

    assertThat(catalog.get("ml-1"))
        .isEqualTo(
            new Title("ml-1", "Toy Story", "film", null, null, null,
                List.of("animation", "kids", "comedy"), null, null, "video", 1995, null, null));
    assertThat(catalog.get("ml-543").title()).isEqualTo("Misérables, Les"); // ISO-8859-1
    assertThat(catalog.get("ml-1128").title()).isEqualTo("Heidi Fleiss: Hollywood Madam");
    // No trailing year in the name: the year comes from the release date.
    Title video = catalog.get("ml-1412");
    assertThat(video.title()).endsWith("(1995) (V)");
    assertThat(video.releaseYear()).isEqualTo(1995);
    Title placeholder = catalog.get("ml-267");
    assertThat(placeholder.title()).isNull();
    assertThat(placeholder.genres()).isEmpty();
    assertThat(placeholder.releaseYear()).isNull();
  }

  @Test
  void importingMl100kTwiceGivesOnlyDuplicates() throws Exception {
    Path dir = io.marquee.testing.SharedData.movieLens("ml-100k");
    importer.importDirectory(dir);

    ImportReport again = importer.importDirectory(dir);

    assertThat(again.accepted()).isEqualTo(100_943);
    assertThat(again.duplicates()).isEqualTo(100_943);
    assertThat(sink.duplicates.stream().filter(m -> m.path("type").asText().equals("track")))
        .hasSize(100_000);
    assertThat(sink.accepted).hasSize(100_943);
    assertThat(catalog.size()).isEqualTo(1_682);
  }

  @Test
  void mlLatestSmallGivesEveryRatingAndTitle() throws Exception {
    ImportReport report = importer.importDirectory(io.marquee.testing.SharedData.movieLens("ml-latest-small"));

    assertThat(sink.accepted("track", "Content Rated")).hasSize(100_836);
    assertThat(sink.accepted("identify", null)).isEmpty();
    assertThat(catalog.size()).isEqualTo(9_742);
    assertThat(report.errors()).isEmpty();
    assertThat(report.read()).isEqualTo(100_836 + 9_742);
    assertThat(report.accepted()).isEqualTo(100_836);
    assertThat(report.titles()).isEqualTo(9_742);
    assertThat(sink.probes).containsOnly(9_742);

    // ratings.csv: 2,8798,3.5,1445714960
    JsonNode half = sink.acceptedById("ml:2:8798").path("properties").path("rating");
    assertThat(half.isDouble()).isTrue();
    assertThat(half.asDouble()).isEqualTo(3.5);

    // Quoted titles with commas, and with doubled quotes.
    assertThat(catalog.get("ml-11").title()).isEqualTo("American President, The");
    assertThat(catalog.get("ml-11").releaseYear()).isEqualTo(1995);
    assertThat(catalog.get("ml-11").genres()).containsExactly("comedy", "drama", "romance");
    assertThat(catalog.get("ml-7789").title()).isEqualTo("11'09\"01 - September 11");
    assertThat(catalog.get("ml-7789").releaseYear()).isEqualTo(2002);
    assertThat(catalog.get("ml-1").genres())
        .containsExactly("adventure", "animation", "kids", "comedy", "fantasy");
    assertThat(catalog.get("ml-164").genres()).contains("film-noir");
    assertThat(catalog.get("ml-143410").genres()).isEmpty(); // (no genres listed)
    assertThat(catalog.get("ml-40697").title()).isEqualTo("Babylon 5");
    assertThat(catalog.get("ml-40697").releaseYear()).isNull();
    assertThat(catalog.get("ml-171749").title()).isEqualTo("Death Note: Desu nôto");
    assertThat(catalog.get("ml-171749").releaseYear()).isEqualTo(2006);
  }

  @Test
  void malformedMl100kRowsAreReportedAndTheRestImported() throws Exception {
    write("u.item",
        "1|Toy Story (1995)|01-Jan-1995||http://x|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0",
        "2|Short row|01-Jan-1995",
        "3|Heat (1995)|01-Jan-1995||http://x|0|1|0|0|0|0|1|0|0|0|0|0|0|0|0|0|1|0|0");
    write("u.user", "1|24|M|technician|85711", "2|53|X|other|94043", "3|23|F|writer|32067");
    write("u.data",
        "1\t1\t5\t874965478",
        "1\t3\tfive\t874965479",
        "3\t1\t2",
        "",
        "3\t3\t4\t874965000");

    ImportReport report = importer.importDirectory(temp);

    assertThat(report.errors())
        .containsExactly(
            "u.item line 2: expected 24 '|'-separated fields, found 3",
            "u.user line 2: gender \"X\" is neither F nor M",
            "u.data line 2: rating \"five\" is not a number",
            "u.data line 3: expected 4 tab-separated fields, found 3");
    assertThat(report)
        .extracting(
            ImportReport::read, ImportReport::accepted, ImportReport::rejected,
            ImportReport::titles)
        .containsExactly(10L, 4L, 4L, 2L);
    assertThat(catalog.get("ml-3").genres()).containsExactly("action", "crime", "thriller");
    assertThat(sink.acceptedById("ml:user:3").path("timestamp").asText())
        .isEqualTo("1997-09-22T21:50:00Z");
    assertThat(sink.accepted("identify", null)).hasSize(2);
  }

  @Test
  void aUserWithoutRatingsIsIdentifiedAtCollectionTime() throws Exception {
    write("u.item", "1|Toy Story (1995)|01-Jan-1995||u|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0");
    write("u.user", "9|30|F|artist|10001");
    write("u.data", "1\t1\t5\t874965478");

    importer.importDirectory(temp);

    assertThat(sink.acceptedById("ml:user:9").path("timestamp").asText())
        .isEqualTo("1998-04-22T00:00:00Z");
  }

  @Test
  void malformedMlLatestRowsAreReportedAndTheRestImported() throws Exception {
    write("movies.csv",
        "movieId,title,genres",
        "11,\"American President, The (1995)\",Comedy|Drama|Romance",
        "12,\"Unclosed\" quote,Drama",
        "x,Bad Id (2000),Drama",
        "13,\"Say \"\"Hi\"\", Bob (2001)\",Children|Sci-Fi|IMAX");
    write("ratings.csv",
        "userId,movieId,rating,timestamp",
        "1,11,4.5,964982703",
        "1,13,great,964982703",
        "1,12,7,964982703",
        "2,11,3.0,964982224,extra");

    ImportReport report = importer.importDirectory(temp);

    assertThat(report.errors())
        .containsExactly(
            "movies.csv line 3: field 2 has ' ' after its closing quote",
            "movies.csv line 4: movieId \"x\" is not a whole number",
            "ratings.csv line 3: rating \"great\" is not a number",
            "ratings.csv line 4: rating 7 is outside 0.5 to 5",
            "ratings.csv line 5: expected 4 fields, found 5");
    assertThat(catalog.get("ml-13").title()).isEqualTo("Say \"Hi\", Bob");
    assertThat(catalog.get("ml-13").genres()).containsExactly("kids", "sci-fi", "imax");
    assertThat(sink.acceptedById("ml:1:11").path("properties").path("rating").asDouble())
        .isEqualTo(4.5);
    assertThat(report.read()).isEqualTo(report.accepted() + report.titles() + report.rejected());
  }

  @Test
  void aDirectoryOfNeitherLayoutNamesTheFilesLookedFor() throws IOException {
    write("README", "hello");

    assertThatThrownBy(() -> importer.importDirectory(temp))
        .isInstanceOf(IOException.class)
        .hasMessageContainingAll("u.data", "u.item", "u.user", "ratings.csv", "movies.csv");
  }

  @Test
  void theParentOfADataSetIsPointedAtIt() throws IOException {
    Files.createDirectories(temp.resolve("ml-100k"));
    Files.writeString(temp.resolve("ml-100k/u.data"), "1\t1\t5\t874965478\n");

    assertThatThrownBy(() -> importer.importDirectory(temp))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("did you mean " + temp.resolve("ml-100k"));
  }

  @Test
  void aLayoutWithAMissingFileNamesIt() throws IOException {
    write("u.data", "1\t1\t5\t874965478");

    assertThatThrownBy(() -> importer.importDirectory(temp))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("lacks u.item, u.user");
    assertThat(sink.batchSizes).isEmpty();
  }

  @Test
  void aRatingsFileWithoutTheExpectedColumnsIsRefused() throws IOException {
    write("movies.csv", "movieId,title,genres", "1,Toy Story (1995),Comedy");
    write("ratings.csv", "user,movie,rating,timestamp", "1,1,4.0,964982703");

    assertThatThrownBy(() -> importer.importDirectory(temp))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("ratings.csv line 1")
        .hasMessageContaining("lacks column userId, movieId");
  }

  private void write(String file, String... lines) throws IOException {
    Files.writeString(
        temp.resolve(file), String.join("\n", lines) + "\n", StandardCharsets.ISO_8859_1);
  }
}
