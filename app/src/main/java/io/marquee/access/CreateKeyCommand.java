package io.marquee.access;

import io.marquee.audit.AuditLog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code marquee keys create --data-dir DIR --role ROLE}: prints the new key alone on its last line. */
@Command(name = "create", mixinStandardHelpOptions = true,
    description = "Create an API key; it is printed once, alone on the last line.")
final class CreateKeyCommand implements Callable<Integer> {
  @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "Data directory.")
  Path dataDir;

  @Option(names = "--role", required = true, paramLabel = "ROLE",
      description = "write, analyst, marketer or admin.")
  String role;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Role r = Role.parse(role);
    String key;
    try (AuditLog audit = AuditLog.open(dataDir)) {
      key = ApiKeys.open(dataDir, audit).create(r, KeysCommand.CLI_ACTOR);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("created " + r.wireName() + " key " + key.substring(3, 15)
        + "; it is shown only now, store it:");
    out.println(key);
    out.flush();
    return 0;
  }
}
