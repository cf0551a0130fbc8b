package io.marquee.imports;

import io.marquee.core.Catalog;
import io.marquee.core.Title;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The importer of catalog titles from a UTF-8 CSV file with a header row. Each good row is upserted
 * as a {@link Title}; a bad row is reported with its line and skipped.
 */
public final class CatalogCsvImporter {
  private static final Set<String> KINDS = Set.of("film", "episode", "series", "track");
  private static final Set<String> MEDIA_TYPES = Set.of("video", "audio");
  private static final Set<String> MATURITY_RATINGS =
      Set.of("G", "PG", "PG-13", "R", "NC-17", "TV-Y", "TV-Y7", "TV-G", "TV-PG", "TV-14", "TV-MA");

  private final Catalog catalog;

  public CatalogCsvImporter(Catalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  /**
   * Imports a CSV file with a header; columns by name (any order, any case): asset_id (required),
   * title, kind, series, season, episode, genres ("|"-separated), maturity_rating, runtime_s,
   * media_type, release_year, series_id (an episode's series: the asset id of the series' own row),
   * artist (a track's performer). Unknown columns are ignored; an empty field means unknown.
   *
   * <p>A row is rejected when it has a different number of fields from the header, no asset_id, a
   * number that is not a whole number, or a kind, media_type or maturity_rating outside those
   * {@link Title} allows. Rows are upserted in file order, so of two rows with one asset_id the
   * later wins.
   *
   * @throws IOException when the file cannot be read, is not UTF-8, is empty or its header has no
   *     asset_id column
   */
  public ImportReport importFile(Path csv) throws IOException {
    ReportBuilder report = new ReportBuilder();
    TitleUpserter titles = new TitleUpserter(catalog, report);
    try (CsvReader in = new CsvReader(Inputs.utf8(csv))) {
      CsvHeader header = CsvHeader.read(in, csv.getFileName().toString(), report, "asset_id");
      for (List<String> row = header.next(in); row != null; row = header.next(in)) {
        try {
          titles.add(title(header, row));
        } catch (BadRowException e) {
          report.reject(header.where(in) + ": " + e.getMessage());
        }
      }
    } catch (CharacterCodingException e) {
      throw Inputs.notUtf8(csv, e);
    }
    titles.flush();
    return report.build();
  }

  private static Title title(CsvHeader header, List<String> row) throws BadRowException {
    String assetId = text(header, row, "asset_id");
    if (assetId == null) {
      throw new BadRowException("asset_id is empty");
    }
    try {
      return title(header, row, assetId);
    } catch (IllegalArgumentException e) {
      throw new BadRowException(e.getMessage()); // a field over its FieldLimits
    }
  }

  private static Title title(CsvHeader header, List<String> row, String assetId) throws BadRowException {
    return new Title(
        assetId,
        text(header, row, "title"),
        choice(header, row, "kind", KINDS),
        text(header, row, "series"),
        number(header, row, "season"),
        number(header, row, "episode"),
        genres(text(header, row, "genres")),
        choice(header, row, "maturity_rating", MATURITY_RATINGS),
        number(header, row, "runtime_s"),
        choice(header, row, "media_type", MEDIA_TYPES),
        number(header, row, "release_year"),
        text(header, row, "series_id"),
        text(header, row, "artist"));
  }

  /** A field's trimmed text, or null when the column is absent or the field empty. */
  private static String text(CsvHeader header, List<String> row, String column) {
    String value = header.get(row, column);
    if (value == null || value.isBlank()) {
      return null;
    }
    return value.trim();
  }

  private static Integer number(CsvHeader header, List<String> row, String column)
      throws BadRowException {
    String value = text(header, row, column);
    if (value == null) {
      return null;
    }
    try {
      int number = Integer.parseInt(value);
      if (number >= 0) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new BadRowException(column + " " + BadRowException.quote(value) + " is not a whole number of 0 or more");
  }

  /** One of the allowed values, matched in any case and returned as spelled in {@code allowed}. */
  private static String choice(
      CsvHeader header, List<String> row, String column, Set<String> allowed)
      throws BadRowException {
    String value = text(header, row, column);
    if (value == null) {
      return null;
    }
    for (String option : allowed) {
      if (option.equalsIgnoreCase(value)) {
        return option;
      }
    }
    throw new BadRowException(
        column + " " + BadRowException.quote(value) + " is not one of " + String.join(", ", new TreeSet<>(allowed)));
  }

  /** "|"-separated genre names, trimmed and lowercased, without repeats. */
  private static List<String> genres(String value) {
    if (value == null) {
      return List.of();
    }
    Set<String> genres = new LinkedHashSet<>();
    for (String genre : value.split("\\|")) {
      if (!genre.isBlank()) {
        genres.add(genre.trim().toLowerCase(Locale.ROOT));
      }
    }
    return List.copyOf(genres);
  }
}
