package io.marquee.log;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code marquee log}: offline checks and repair of a data dir's event log ({@code check}, {@code repair}). */
@Command(name = "log", mixinStandardHelpOptions = true,
    description = "Check or repair the event log of a data dir.",
    subcommands = {CheckLogCommand.class, RepairLogCommand.class})
public final class LogCommand implements Runnable {
  /** Largest record payload the server writes; what a frame's length is checked against. */
  static final int MAX_RECORD_BYTES = LogSettings.defaults().maxRecordBytes();

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand: check or repair");
  }
}
