package io.marquee.cli;

import io.marquee.imports.CatalogCsvImporter;
import io.marquee.imports.ImportReport;
import io.marquee.imports.MovieLensImporter;
import io.marquee.imports.SegmentNdjsonImporter;
import io.marquee.server.Marquee;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code marquee import}: loads a file or directory into a data dir through the pipeline (events are
 * validated, deduplicated and logged like live ones; catalog rows go to the titles table).
 */
@Command(name = "import", mixinStandardHelpOptions = true,
    subcommands = PartnerImportCommand.class,
    description = "Import Segment NDJSON, a catalog CSV, or a MovieLens directory (ml-100k or ml-latest).",
    footer = {"",
        "Formats (samples in examples/, details in docs/imports.md):",
        "  catalog-csv     UTF-8 CSV with a header; columns by name: asset_id",
        "                  (required), title, kind (film|series|episode|track),",
        "                  series, season, episode, genres (a|b|c),",
        "                  maturity_rating, runtime_s, media_type (video|audio),",
        "                  release_year, series_id (an episode's series row),",
        "                  artist (a track's performer).",
        "  segment-ndjson  one Segment message per line, as sent to /v1/batch;",
        "                  personal data in traits needs --master-key-file.",
        "  movielens       an ml-100k (u.data, u.item, u.user) or ml-latest",
        "                  (ratings.csv, movies.csv) directory; ml-100k zip",
        "                  codes need --master-key-file.",
        "  partner         (subcommand) a CSV with user_id, email_sha256 or",
        "                  email, and one column per attribute."})
final class ImportCommand implements Callable<Integer> {
  /** Import formats. */
  enum Format { SEGMENT_NDJSON, CATALOG_CSV, MOVIELENS }

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory.")
  Path dataDir;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Properties file overriding marquee-reference.properties.")
  Path config;

  @Option(names = "--format", paramLabel = "FORMAT",
      converter = FormatConverter.class,
      description = "segment-ndjson (one message per line), catalog-csv, or movielens (a directory).")
  Format format;

  @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", description = "The file, or the MovieLens directory.")
  Path path;

  @Option(names = "--master-key-file", paramLabel = "FILE",
      description = "Master key for the vault (default: MARQUEE_MASTER_KEY); needed when the data holds "
          + "personal data, such as MovieLens zip codes.")
  Path masterKeyFile;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (dataDir == null || format == null || path == null) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "import needs --data-dir DIR, --format FORMAT and a PATH (or the 'partner' subcommand)");
    }
    if (!Files.exists(path)) {
      spec.commandLine().getErr().println("import: " + path + " does not exist");
      return 2;
    }
    ImportReport report;
    String envKey = System.getenv(io.marquee.vault.MasterKey.ENV);
    io.marquee.vault.MasterKey master = masterKeyFile != null || (envKey != null && !envKey.isBlank())
        ? io.marquee.vault.MasterKey.resolve(masterKeyFile, System.getenv()) : null;
    io.marquee.config.Settings settings = config == null ? io.marquee.config.Settings.defaults()
        : io.marquee.config.Settings.defaults().withFile(config);
    try (Marquee m = Marquee.open(dataDir, settings, "marquee import", master)) {
      report = switch (format) {
        case SEGMENT_NDJSON -> new SegmentNdjsonImporter(m.sink("import")).importFile(path);
        case CATALOG_CSV -> new CatalogCsvImporter(m.store()).importFile(path);
        case MOVIELENS -> new MovieLensImporter(m.sink("import"), m.store()).importDirectory(path);
      };
      m.awaitStore(Duration.ofMinutes(30));
    }
    out.println(report.summary()); // the counts, then each refused row once
    return report.rejected() > 0 ? 1 : 0;
  }

  /** Accepts the formats as written on the command line, with dashes. */
  static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      try {
        return Format.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(
            "unknown format '" + value + "'; use segment-ndjson, catalog-csv or movielens");
      }
    }
  }
}
