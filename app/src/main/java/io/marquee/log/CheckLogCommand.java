package io.marquee.log;

import io.marquee.config.ExistingDataDir;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code marquee log check --data-dir DIR}: reads every record of every segment and prints, per
 * segment, its records, holes, bytes and each damaged range (offset and kind). Exit 0 when the log is
 * clean, 1 when anything is damaged. Read-only; safe while a server runs, though the active segment's
 * tail may then be mid-write.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Read every record of the event log and report damage (exit 1 if any).")
final class CheckLogCommand implements Callable<Integer> {
  @Mixin ExistingDataDir dataDir;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    List<SegmentCheck> checks = LogRepair.check(dataDir.path().resolve("log"), LogCommand.MAX_RECORD_BYTES);
    PrintWriter out = spec.commandLine().getOut();
    long damaged = 0;
    long records = 0;
    for (SegmentCheck c : checks) {
      records += c.records();
      out.println(c.file() + ": " + c.records() + " records, " + c.holes() + " holes, " + c.bytes() + " bytes, "
          + (c.clean() ? "clean" : "DAMAGED"));
      for (SegmentCheck.Damage d : c.damage()) {
        out.println("  " + c.file().getFileName() + ": " + d);
      }
      damaged += c.clean() ? 0 : 1;
    }
    out.println(checks.size() + " segments, " + records + " records, " + damaged + " damaged"
        + (damaged > 0 ? "; `marquee log repair` keeps every intact record" : ""));
    out.flush();
    return damaged == 0 ? 0 : 1;
  }
}
