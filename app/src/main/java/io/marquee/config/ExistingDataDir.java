package io.marquee.config;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The {@code --data-dir} option of commands that read a data dir without opening a node ({@code keys
 * list}, {@code keys revoke}, {@code audit verify}): they must not create one by mistake, so a
 * missing directory is an error that names it.
 */
public final class ExistingDataDir {
  @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "Data directory.")
  private Path path;

  public Path path() {
    return path;
  }

  /** Whether the directory exists; if not, says "COMMAND: no data dir at DIR" on stderr. */
  public boolean exists(CommandSpec spec) {
    if (Files.isDirectory(path)) {
      return true;
    }
    PrintWriter err = spec.commandLine().getErr();
    err.println(spec.qualifiedName() + ": no data dir at " + path);
    err.flush();
    return false;
  }
}
