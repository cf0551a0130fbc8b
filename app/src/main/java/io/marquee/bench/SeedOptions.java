package io.marquee.bench;

import picocli.CommandLine.Option;

/** The options that fix what the benchmark events look like, shared by {@code bench ingest} and {@code bench events}. */
final class SeedOptions {
  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Seed of the viewers' ids, assets and positions (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--seed-ids",
      description = "Derive the run id and clock from --seed too, so runs repeat the same messageIds.")
  boolean seedIds;

  /**
   * The events of a run: a random run id and a clock ending about now, or with {@code --seed-ids}
   * both fixed by the seed.
   *
   * @param beats heartbeats per viewer, so that the last one falls about now
   */
  Heartbeats heartbeats(int viewers, long beats, boolean identify) {
    long base = seedIds
        ? Heartbeats.FIXED_BASE_MILLIS
        : System.currentTimeMillis() / 1000 * 1000 - beats * Heartbeats.INTERVAL_MILLIS;
    String runId = seedIds ? Heartbeats.runIdFromSeed(seed) : Heartbeats.randomRunId();
    return new Heartbeats(seed, runId, viewers, base, identify);
  }
}
