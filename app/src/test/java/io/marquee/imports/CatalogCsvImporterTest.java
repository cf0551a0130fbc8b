package io.marquee.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marquee.core.Title;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Catalog CSV files: columns by name, quoted fields, and bad rows skipped with their lines. */
class CatalogCsvImporterTest {
  private final InMemoryCatalog catalog = new InMemoryCatalog();
  private final CatalogCsvImporter importer = new CatalogCsvImporter(catalog);

  @TempDir Path temp;

  @Test
  void importsRowsByColumnNameAndReportsBadRows() throws IOException {
    Path csv =
        write(
            "\uFEFFTitle,asset_id,kind,notes,series,season,episode,genres,maturity_rating,"
                + "runtime_s,media_type,release_year",
            "\"Heat, Part \"\"One\"\"\",a1,film,\"ignored, really\",,,,Crime|Drama| ,R,"
                + "10200,video,1995",
            "Pilot,a2,Episode,,Lost,1,1,Drama|Mystery,tv-14,2580,VIDEO,2004",
            "Bad season,a3,episode,,Lost,one,2,,,,,",
            "Too few fields,a4,film",
            ",,film,,,,,,,,,",
            "Odd kind,a5,movie,,,,,,,,,",
            "Odd rating,a6,film,,,,,,X-RATED,,,",
            "",
            "Only an id,a7,,,,,,,,,,");

    ImportReport report = importer.importFile(csv);

    assertThat(report.errors())
        .containsExactly(
            "catalog.csv line 4: season \"one\" is not a whole number of 0 or more",
            "catalog.csv line 5: expected 12 fields, found 3",
            "catalog.csv line 6: asset_id is empty",
            "catalog.csv line 7: kind \"movie\" is not one of episode, film, series, track",
            "catalog.csv line 8: maturity_rating \"X-RATED\" is not one of"
                + " G, NC-17, PG, PG-13, R, TV-14, TV-G, TV-MA, TV-PG, TV-Y, TV-Y7");
    assertThat(report)
        .extracting(ImportReport::read, ImportReport::titles, ImportReport::rejected)
        .containsExactly(8L, 3L, 5L);
    assertThat(catalog.get("a1"))
        .isEqualTo(
            new Title("a1", "Heat, Part \"One\"", "film", null, null, null,
                List.of("crime", "drama"), "R", 10200, "video", 1995, null, null));
    assertThat(catalog.get("a2"))
        .isEqualTo(
            new Title("a2", "Pilot", "episode", "Lost", 1, 1, List.of("drama", "mystery"),
                "TV-14", 2580, "video", 2004, null, null));
    assertThat(catalog.get("a7"))
        .isEqualTo(
            new Title("a7", "Only an id", null, null, null, null, List.of(), null, null, null,
                null, null, null));
    assertThat(catalog.titles).containsOnlyKeys("a1", "a2", "a7");
  }

  @Test
  void onlyTheAssetIdColumnIsRequired() throws IOException {
    ImportReport report = importer.importFile(write("asset_id", "x1", "x2"));

    assertThat(report.titles()).isEqualTo(2);
    assertThat(catalog.get("x1").title()).isNull();
  }

  @Test
  void aHeaderWithoutAssetIdIsRefused() throws IOException {
    Path csv = write("id,title", "1,Heat");

    assertThatThrownBy(() -> importer.importFile(csv))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("catalog.csv line 1")
        .hasMessageContaining("lacks column asset_id");
  }

  @Test
  void anEmptyFileIsRefused() throws IOException {
    Path csv = write();

    assertThatThrownBy(() -> importer.importFile(csv))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("catalog.csv is empty");
  }

  @Test
  void aFileThatIsNotUtf8IsRefused() throws IOException {
    Path csv = temp.resolve("latin.csv");
    Files.writeString(csv, "asset_id,title\nm1,Misérables\n", StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> importer.importFile(csv))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("latin.csv is not UTF-8");
  }

  private Path write(String... lines) throws IOException {
    Path csv = temp.resolve("catalog.csv");
    Files.writeString(csv, lines.length == 0 ? "" : String.join("\r\n", lines) + "\r\n");
    return csv;
  }

  @Test
  void seriesIdAndArtistColumns_areImported() throws IOException {
    Path csv = write(
        "asset_id,title,kind,series,series_id,artist,media_type",
        "show,Lost,series,,,,video",
        "show-e1,Pilot,episode,Lost,show,,video",
        "song,Blue Hour,track,Night Drive,,The Quiet Set,audio");

    ImportReport report = importer.importFile(csv);

    assertThat(report.rejected()).isZero();
    assertThat(catalog.get("show-e1").seriesId()).isEqualTo("show");
    assertThat(catalog.get("show-e1").seriesKey()).isEqualTo("show");
    assertThat(catalog.get("show").seriesKey()).isEqualTo("show");
    assertThat(catalog.get("song").artist()).isEqualTo("The Quiet Set");
    assertThat(catalog.get("song").seriesId()).isNull();
  }
}
