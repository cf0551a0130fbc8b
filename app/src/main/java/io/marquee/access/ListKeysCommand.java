package io.marquee.access;

import io.marquee.audit.AuditLog;
import io.marquee.config.ExistingDataDir;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code marquee keys list --data-dir DIR}: one line per key, id, role, created, status. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List API keys (ids and roles; the keys themselves are not stored).")
final class ListKeysCommand implements Callable<Integer> {
  @Mixin ExistingDataDir dataDir;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    out.printf("%-12s  %-8s  %-20s  %s%n", "ID", "ROLE", "CREATED", "STATUS");
    try (AuditLog audit = AuditLog.open(dataDir.path())) {
      for (ApiKeyInfo k : ApiKeys.open(dataDir.path(), audit).list()) {
        out.printf("%-12s  %-8s  %-20s  %s%n", k.id(), k.role().wireName(), k.created(),
            k.active() ? "active" : "revoked " + k.revoked());
      }
    }
    out.flush();
    return 0;
  }
}
