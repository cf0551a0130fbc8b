package io.marquee.cli;

import io.marquee.config.Settings;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The data-dir options of {@code serve}: those of {@link NodeOptions}, except that the data dir is
 * left out by a collector ({@code --sink kafka}), which takes its keys, consent and suppressions
 * from the control topic (and refuses a data dir).
 */
final class ServeNodeOptions {
  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Data directory (event log, store, keys); created if missing. Required, except for a "
          + "collector (--sink kafka), which refuses one: it follows the owning node's control topic.")
  Path dataDir;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Properties file overriding marquee-reference.properties.")
  Path config;

  Settings settings() throws IOException {
    Settings s = Settings.defaults();
    return config == null ? s : s.withFile(config);
  }
}
