package io.marquee.audit;

import io.marquee.config.ExistingDataDir;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code marquee audit}: the audit log's commands; {@code audit verify --data-dir DIR} checks the
 * hash chain and exits 0 when intact, 1 naming the first broken entry otherwise.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = "The audit log of personal-data reads, exports, erasures and key changes.",
    subcommands = {AuditCommand.Verify.class})
public final class AuditCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand: verify");
  }

  /** {@code marquee audit verify}. */
  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Check the audit log's hash chain; exit 1 naming the first broken entry.")
  static final class Verify implements Callable<Integer> {
    @Mixin ExistingDataDir dataDir;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      AuditVerification v = AuditLog.verify(dataDir.path());
      if (v.ok()) {
        PrintWriter out = spec.commandLine().getOut();
        out.println("audit log ok: " + v.entries() + " entries, " + v.reason() + "; head "
            + v.headHash());
        out.flush();
        return 0;
      }
      PrintWriter err = spec.commandLine().getErr();
      err.println("audit log broken at entry " + v.brokenSeq() + ": " + v.reason()
          + " (" + v.entries() + " entries intact before it)");
      err.flush();
      return 1;
    }
  }
}
