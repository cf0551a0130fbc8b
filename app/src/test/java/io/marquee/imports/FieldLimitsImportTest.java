package io.marquee.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every import path refuses fields over FieldLimits, and overlong lines, naming the line and reason. */
class FieldLimitsImportTest {
  private static final String HUGE = "t".repeat(20 * 1024 * 1024);
  private final InMemoryCatalog catalog = new InMemoryCatalog();
  private final RecordingSink sink = new RecordingSink();

  @TempDir Path temp;

  private static String tooLong(long length) {
    return String.format("the line has %,d characters; the limit is 1,048,576; it was skipped", length);
  }

  private Path write(String file, String... lines) throws Exception {
    Path p = temp.resolve(file);
    Files.writeString(p, String.join("\n", lines) + "\n", StandardCharsets.ISO_8859_1);
    return p;
  }

  @Test
  void catalogCsv_refusesA20MbLine_andEveryFieldOverItsLimit_quotingAtMost64Characters() throws Exception {
    String genres33 = IntStream.range(0, 33).mapToObj(i -> "g" + i).collect(Collectors.joining("|"));
    Path csv = write("catalog.csv",
        "asset_id,title,genres,series,kind",
        "a1,Heat,crime,,",
        "a2," + HUGE + ",drama,,",
        "a3," + "t".repeat(1_001) + ",drama,,",
        "a4,Many," + genres33 + ",,",
        "a5,Long genre," + "g".repeat(65) + ",,",
        "a6,Long series,," + "s".repeat(1_001) + ",",
        "a" + "9".repeat(256) + ",Long id,,,",
        "a8,Bad kind,,,x" + "k".repeat(500_000),
        "a7,Fine," + "g".repeat(64) + "," + "s".repeat(1_000) + ",film");

    ImportReport report = new CatalogCsvImporter(catalog).importFile(csv);

    assertThat(report.errors()).containsExactly(
        "catalog.csv line 3: " + tooLong(("a2," + HUGE + ",drama,,").length()),
        "catalog.csv line 4: title is 1,001 characters long; the limit is 1,000",
        "catalog.csv line 5: 33 genres; the limit is 32",
        "catalog.csv line 6: genre is 65 characters long; the limit is 64",
        "catalog.csv line 7: series is 1,001 characters long; the limit is 1,000",
        "catalog.csv line 8: asset_id is 257 characters long; the limit is 256",
        "catalog.csv line 9: kind \"x" + "k".repeat(63) + "...\" (500,001 characters) is not one of "
            + "episode, film, series, track");
    assertThat(catalog.titles.keySet()).containsExactlyInAnyOrder("a1", "a7");
    assertThat(report.read()).isEqualTo(report.titles() + report.rejected());
  }

  @Test
  void mlLatest_refusesALongTitle_andA20MbLine() throws Exception {
    write("movies.csv", "movieId,title,genres",
        "1,Toy Story (1995),Animation",
        "2," + "t".repeat(1_001) + " (1995),Drama",
        "3," + HUGE + ",Drama");
    write("ratings.csv", "userId,movieId,rating,timestamp", "1,1,4.5,964982703");

    ImportReport report = new MovieLensImporter(sink, catalog).importDirectory(temp);

    assertThat(report.errors()).containsExactly(
        "movies.csv line 3: title is 1,001 characters long; the limit is 1,000",
        "movies.csv line 4: " + tooLong(("3," + HUGE + ",Drama").length()));
    assertThat(catalog.titles.keySet()).containsExactly("ml-1");
  }

  @Test
  void ml100k_refusesALongTitle_andA20MbLine_inEachFile() throws Exception {
    String flags = "|0".repeat(18) + "|1";
    write("u.item",
        "1|Toy Story (1995)|01-Jan-1995||http://x" + flags,
        "2|" + "t".repeat(1_001) + "|01-Jan-1995||http://x" + flags,
        "3|" + HUGE + "|01-Jan-1995||http://x" + flags);
    write("u.user", "1|24|M|technician|85711", "2|" + HUGE);
    write("u.data", "1\t1\t5\t874965758", HUGE);

    ImportReport report = new MovieLensImporter(sink, catalog).importDirectory(temp);

    assertThat(report.errors()).containsExactly(
        "u.item line 2: title is 1,001 characters long; the limit is 1,000",
        "u.item line 3: " + tooLong(("3|" + HUGE + "|01-Jan-1995||http://x" + flags).length()),
        "u.user line 2: " + tooLong(("2|" + HUGE).length()),
        "u.data line 2: " + tooLong(HUGE.length()));
    assertThat(catalog.titles.keySet()).containsExactly("ml-1");
    assertThat(report.read()).isEqualTo(report.accepted() + report.titles() + report.rejected());
  }

  @Test
  void segmentNdjson_refusesA20MbLine_andAnOverlongTitle_andImportsTheRest() throws Exception {
    String track = "{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"Play\",\"messageId\":\"m%d\","
        + "\"timestamp\":\"2024-01-01T00:00:00Z\"}";
    String longTitle = "{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"Video Content Started\","
        + "\"messageId\":\"m4\",\"properties\":{\"asset_id\":\"a1\",\"title\":\"" + "t".repeat(1_001) + "\"}}";
    Path file = write("events.ndjson", track.formatted(1), "{\"event\":\"" + HUGE + "\"}", track.formatted(3),
        longTitle);

    ImportReport report = new SegmentNdjsonImporter(sink).importFile(file);

    assertThat(report.errors()).containsExactly(
        "events.ndjson line 2: " + tooLong(("{\"event\":\"" + HUGE + "\"}").length()),
        "events.ndjson line 4: properties.title is 1,001 characters long; the limit is 1,000");
    assertThat(sink.accepted).extracting(m -> m.path("messageId").asText()).containsExactly("m1", "m3");
  }
}
