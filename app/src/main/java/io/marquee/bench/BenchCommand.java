package io.marquee.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code marquee bench} command: benchmarks of the ingest path, {@code bench ingest} (load
 * generator against a running collector) and {@code bench events} (the same events to a file).
 */
@Command(
    name = "bench",
    description = "Benchmarks: ingest, recommendations, insights reports.",
    subcommands = {IngestCommand.class, EventsCommand.class, RecommendCommand.class, InsightsCommand.class,
        ReportsPostgresCommand.class, AudiencesCommand.class})
public final class BenchCommand implements Runnable {

  @Spec private CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  private boolean help;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "Missing required subcommand: ingest or events");
  }
}
