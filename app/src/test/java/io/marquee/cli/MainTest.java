package io.marquee.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {
  @Test
  void logLevel_isInfoForServingCommands_warnForOfflineOnes_infoWithVerbose() {
    assertThat(Main.logLevel(new String[] {"serve", "--data-dir", "d"})).isEqualTo("info");
    assertThat(Main.logLevel(new String[] {"demo"})).isEqualTo("info");
    assertThat(Main.logLevel(new String[] {"sql", "--data-dir", "d", "SELECT 1"})).isEqualTo("warn");
    assertThat(Main.logLevel(new String[] {"import", "--verbose", "--format", "catalog-csv", "x"})).isEqualTo("info");
    assertThat(Main.logLevel(new String[] {})).isEqualTo("warn");
  }

  @Test
  void verbose_isAcceptedByEverySubcommand() {
    assertThat(Main.commandLine().parseArgs("sql", "--verbose", "--help").subcommand()).isNotNull();
    assertThat(Main.commandLine().parseArgs("keys", "list", "--verbose", "--help").subcommand()).isNotNull();
  }

  @Test
  void commandLine_hasTheCommandsOfEveryCapability() {
    java.util.Set<String> names = Main.commandLine().getSubcommands().keySet();
    for (io.marquee.capability.Capability c : io.marquee.server.Capabilities.all()) {
      for (Class<?> command : c.commands()) {
        assertThat(names).contains(command.getAnnotation(picocli.CommandLine.Command.class).name());
      }
    }
    assertThat(names).contains("keys", "evaluate", "serve", "log", "audit", "bench");
  }
}
