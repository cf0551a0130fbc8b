package io.marquee.cli;

import io.marquee.capability.Capability;
import io.marquee.server.Capabilities;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code marquee} command line: one subcommand per job, each kept thin. The node's own
 * commands are listed here; each capability adds its own ({@link Capability#commands}, from the one
 * list in {@link Capabilities}).
 */
@Command(
    name = "marquee",
    mixinStandardHelpOptions = true,
    version = "marquee 0.1.0",
    description = "Open user-data platform for streaming services.",
    subcommands = {
      CommandLine.HelpCommand.class,
      ServeCommand.class,
      SqlCommand.class,
      DemoCommand.class,
      ImportCommand.class,
      ExportCommand.class,
      ReleaseCommand.class,
      TrainCommand.class,
      io.marquee.log.LogCommand.class,
      io.marquee.audit.AuditCommand.class,
      io.marquee.bench.BenchCommand.class,
    })
public final class Main {
  /** Commands that run a node for people to watch, and so log what it does by default. */
  private static final java.util.Set<String> SERVING = java.util.Set.of("serve", "demo");

  @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
      description = "Log progress (INFO) to stderr; serve and demo always do, other commands only warn.")
  boolean verbose;

  public static void main(String[] args) {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", logLevel(args));
    System.exit(commandLine().execute(args));
  }

  /**
   * The log level for a command line: {@code info} for serve, demo or {@code --verbose}, else
   * {@code warn}. Decided before any command class loads, since loggers read it when created.
   */
  static String logLevel(String[] args) {
    String command = null;
    for (String a : args) {
      if (a.equals("--verbose")) {
        return "info";
      }
      if (command == null && !a.startsWith("-")) {
        command = a;
      }
    }
    return command != null && SERVING.contains(command) ? "info" : "warn";
  }

  private static String describe(Throwable e) {
    Throwable t = e;
    while ((t.getMessage() == null || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() != null ? t.getMessage() : t.toString();
  }

  /** The configured command line, shared by {@link #main} and tests. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    for (Capability capability : Capabilities.all()) {
      for (Class<?> command : capability.commands()) {
        cli.addSubcommand(command);
      }
    }
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionStrategy(parsed -> io.marquee.config.ExistingDataDir.refuseMissing(parsed, new CommandLine.RunLast()));
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("marquee " + cmd.getCommandName() + ": " + describe(e));
      cmd.getErr().flush();
      return 1;
    });
    return cli;
  }
}
