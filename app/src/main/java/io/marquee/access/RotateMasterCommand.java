package io.marquee.access;

import io.marquee.audit.AuditAction;
import io.marquee.audit.AuditLog;
import io.marquee.server.DataDirLock;
import io.marquee.vault.KeyVault;
import io.marquee.vault.MasterKey;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code marquee keys rotate-master}: re-wraps every data key of a stopped data dir under a new
 * master key (audited); the old key then no longer opens it. A running server rotates online.
 */
@Command(name = "rotate-master", mixinStandardHelpOptions = true,
    description = "Re-wrap every data key under a new master key (data dir not in use).")
final class RotateMasterCommand implements Callable<Integer> {
  @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "Data directory.")
  Path dataDir;

  @Option(names = "--master-key-file", paramLabel = "OLD",
      description = "The current master key; default: the MARQUEE_MASTER_KEY variable.")
  Path oldKeyFile;

  @Option(names = "--new-master-key-file", required = true, paramLabel = "NEW",
      description = "The new master key, from keys init-master.")
  Path newKeyFile;

  @Spec CommandSpec spec;

  @Override
  @SuppressWarnings("try") // the lock is held by the try block alone
  public Integer call() throws Exception {
    MasterKey old = MasterKey.resolve(oldKeyFile, System.getenv());
    MasterKey next = MasterKey.load(newKeyFile);
    int n;
    try (DataDirLock lock = DataDirLock.acquire(dataDir, "marquee keys rotate-master");
        KeyVault vault = KeyVault.open(dataDir, old);
        AuditLog audit = AuditLog.open(dataDir)) {
      n = vault.rotateMaster(next);
      audit.append(KeysCommand.CLI_ACTOR, AuditAction.MASTER_ROTATE, null,
          Map.of("from", old.id(), "to", next.id(), "dataKeys", Integer.toString(n)));
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("re-wrapped " + n + " data keys from master key " + old.id() + " to " + next.id()
        + "; use the new key from now on, and destroy the old one once no backup needs it");
    out.flush();
    return 0;
  }
}
