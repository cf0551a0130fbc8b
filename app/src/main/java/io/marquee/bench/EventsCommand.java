package io.marquee.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code marquee bench events} command: writes the heartbeat events that {@code bench ingest}
 * sends to a file, as NDJSON (one Segment message per line) or as CSV with a header and typed
 * columns for PostgreSQL's COPY, e.g. {@code ./marquee bench events --events 1000000 --format csv
 * --out events.csv}.
 */
@Command(
    name = "events",
    description =
        "Writes the load generator's events to a file: ndjson (Segment messages) or csv"
            + " (typed columns with a header, for COPY).")
final class EventsCommand implements Callable<Integer> {

  /** File formats of {@code bench events}. */
  enum Format {
    CSV,
    NDJSON
  }

  @Spec private CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  private boolean help;

  @Option(
      names = "--events",
      defaultValue = "1000000",
      description = "Events to write (default: ${DEFAULT-VALUE}).")
  private long events;

  @Option(names = "--format", required = true, description = "csv or ndjson.")
  private Format format;

  @Option(names = "--out", required = true, description = "File to write (replaced if it exists).")
  private Path out;

  @picocli.CommandLine.Mixin private SeedOptions seeds = new SeedOptions();

  @Override
  public Integer call() throws IOException {
    if (events < 0) {
      throw new ParameterException(spec.commandLine(), "--events must not be negative");
    }
    int viewers = Heartbeats.DEFAULT_VIEWERS;
    long beats = (events + viewers - 1) / viewers;
    Heartbeats heartbeats = seeds.heartbeats(viewers, beats, false);
    long bytes = write(heartbeats, events, format, out);
    spec.commandLine()
        .getOut()
        .printf(
            "wrote %d events (%s, %d bytes) to %s%n",
            events, format.name().toLowerCase(java.util.Locale.ROOT), bytes, out);
    return 0;
  }

  /** Writes events 0 to {@code events - 1} to {@code file}; returns the bytes written. */
  static long write(Heartbeats heartbeats, long events, Format format, Path file)
      throws IOException {
    long bytes = 0;
    StringBuilder row = new StringBuilder(512);
    try (Writer w =
        new BufferedWriter(
            new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 20)) {
      if (format == Format.CSV) {
        w.write(Heartbeats.CSV_HEADER);
        w.write('\n');
        bytes += Heartbeats.CSV_HEADER.length() + 1;
      }
      for (long n = 0; n < events; n++) {
        row.setLength(0);
        if (format == Format.CSV) {
          heartbeats.appendCsv(row, n);
        } else {
          heartbeats.appendJson(row, n);
        }
        row.append('\n');
        w.append(row);
        bytes += row.length();
      }
    }
    return bytes;
  }
}
