package io.marquee.config;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * The rule that only {@code serve}, {@code demo} and {@code import} may create a data dir: every
 * other command given a {@code --data-dir} that does not exist stops with "marquee COMMAND: no data
 * dir at DIR" and exit code 1 before it runs, rather than creating an empty store and answering from
 * it. {@link #refuseMissing} applies it to the whole command line; the class is also the {@code
 * --data-dir} option of commands that have nothing else to share.
 */
public final class ExistingDataDir {
  /** The commands (first word after {@code marquee}) that may create their data dir. */
  static final Set<String> CREATORS = Set.of("serve", "demo", "import");

  @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "Data directory (must exist).")
  private Path path;

  public Path path() {
    return path;
  }

  /**
   * An execution strategy: runs {@code parsed} with {@code next} unless its command is not a creator
   * and names a {@code --data-dir} that is not a directory; then says so on stderr and answers 1.
   */
  public static int refuseMissing(ParseResult parsed, CommandLine.IExecutionStrategy next) {
    if (CommandLine.printHelpIfRequested(parsed) || !parsed.hasSubcommand()
        || CREATORS.contains(parsed.subcommand().commandSpec().name())) {
      return next.execute(parsed);
    }
    ParseResult leaf = parsed;
    while (leaf.hasSubcommand()) {
      leaf = leaf.subcommand();
    }
    CommandSpec spec = leaf.commandSpec();
    OptionSpec option = spec.findOption("--data-dir");
    Object dir = option == null ? null : option.getValue();
    if (dir != null && !Files.isDirectory(Path.of(dir.toString()))) {
      PrintWriter err = spec.commandLine().getErr();
      err.println(spec.qualifiedName() + ": no data dir at " + dir);
      err.flush();
      return 1;
    }
    return next.execute(parsed);
  }
}
