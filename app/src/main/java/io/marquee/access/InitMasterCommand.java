package io.marquee.access;

import io.marquee.vault.MasterKey;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code marquee keys init-master --out FILE}: a new master key in a new owner-only file. */
@Command(name = "init-master", mixinStandardHelpOptions = true,
    description = {"Create a vault master key in a new file (mode 0600); it is never printed.",
        "Keep it outside the data dir. To pass it by environment instead: "
            + "MARQUEE_MASTER_KEY=\"$(cat FILE)\"."})
final class InitMasterCommand implements Callable<Integer> {
  @Option(names = "--out", required = true, paramLabel = "FILE",
      description = "Where to write the key; must not exist yet.")
  Path out;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    MasterKey key = MasterKey.generate();
    key.writeTo(out);
    PrintWriter w = spec.commandLine().getOut();
    w.println("wrote master key " + key.id() + " to " + out
        + "; anyone who has it can read the personal data of a data dir it opens");
    w.flush();
    return 0;
  }
}
