package io.marquee.cli;

import io.marquee.config.Settings;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command that works on a data dir shares. */
final class NodeOptions {
  @Option(names = "--data-dir", required = true, paramLabel = "DIR",
      description = "Data directory (event log, store, keys); only serve, demo and import create a missing one.")
  Path dataDir;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Properties file overriding marquee-reference.properties.")
  Path config;

  Settings settings() throws IOException {
    Settings s = Settings.defaults();
    return config == null ? s : s.withFile(config);
  }
}
