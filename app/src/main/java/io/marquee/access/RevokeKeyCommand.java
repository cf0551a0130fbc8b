package io.marquee.access;

import io.marquee.audit.AuditLog;
import io.marquee.config.ExistingDataDir;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code marquee keys revoke --data-dir DIR ID}: exit 1 if there is no such active key. */
@Command(name = "revoke", mixinStandardHelpOptions = true,
    description = "Revoke an API key by id; a running server stops accepting it within a second.")
final class RevokeKeyCommand implements Callable<Integer> {
  @Mixin ExistingDataDir dataDir;

  @Parameters(index = "0", paramLabel = "ID", description = "The key id, as keys list shows it.")
  String id;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    boolean revoked;
    try (AuditLog audit = AuditLog.open(dataDir.path())) {
      revoked = ApiKeys.open(dataDir.path(), audit).revoke(id, KeysCommand.CLI_ACTOR);
    }
    if (!revoked) {
      spec.commandLine().getErr().println("keys revoke: no active key " + id);
      spec.commandLine().getErr().flush();
      return 1;
    }
    spec.commandLine().getOut().println("revoked key " + id);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
