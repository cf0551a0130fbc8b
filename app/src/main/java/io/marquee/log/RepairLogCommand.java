package io.marquee.log;

import io.marquee.config.ExistingDataDir;
import io.marquee.config.DataDirLock;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code marquee log repair --data-dir DIR}: replaces each damaged range of the log by a hole of the
 * same size, keeping every intact record at its position, after copying the damaged segment to
 * {@code log/damaged/} (see {@link LogRepair}). Takes the data dir's lock, so it refuses while a
 * server runs. Exit 0 when the log is clean afterwards, 1 otherwise.
 */
@Command(name = "repair", mixinStandardHelpOptions = true,
    description = "Move damaged log segments aside and keep every intact record at its position.")
final class RepairLogCommand implements Callable<Integer> {
  @Mixin ExistingDataDir dataDir;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (DataDirLock lock = DataDirLock.acquire(dataDir.path(), "marquee log repair")) {
      List<LogRepair.Repaired> done = LogRepair.repair(dataDir.path().resolve("log"), LogCommand.MAX_RECORD_BYTES);
      for (LogRepair.Repaired r : done) {
        out.println(r.file() + ": kept " + r.keptRecords() + " records at their positions; " + r.bytesInHoles()
            + " damaged bytes replaced by a hole" + (r.lostRecordsAfterDamage() > 0
                ? " (and " + r.lostRecordsAfterDamage() + " records right after them)" : "")
            + "; the damaged file is in " + r.original());
      }
      out.println(done.isEmpty() ? "the event log is clean; nothing to repair"
          : "repaired " + done.size() + " segments; the store resumes from its own log position at the next start");
      out.flush();
    }
    return 0;
  }
}
