package io.marquee.access;

import io.marquee.audit.AuditAction;
import io.marquee.audit.AuditLog;
import io.marquee.config.DataDirLock;
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
 * master key (audited); the old key then no longer opens it. With {@code --url} and an admin
 * {@code --api-key}, a running server rotates online through {@link MasterKeyApi}.
 */
@Command(name = "rotate-master", mixinStandardHelpOptions = true,
    description = "Re-wrap every data key under a new master key: offline on a stopped data dir, "
        + "or online through a running server (--url, --api-key).")
final class RotateMasterCommand implements Callable<Integer> {
  @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (offline rotation).")
  Path dataDir;

  @Option(names = "--master-key-file", paramLabel = "OLD",
      description = "The current master key; default: the MARQUEE_MASTER_KEY variable.")
  Path oldKeyFile;

  @Option(names = "--new-master-key-file", required = true, paramLabel = "NEW",
      description = "The new master key, from keys init-master.")
  Path newKeyFile;

  @Option(names = "--url", paramLabel = "URL",
      description = "A running server to rotate online (with --api-key, an admin key), e.g. http://127.0.0.1:8080.")
  String url;

  @Option(names = "--api-key", paramLabel = "KEY", description = "Admin API key, with --url.")
  String apiKey;

  @Spec CommandSpec spec;

  @Override
  @SuppressWarnings("try") // the lock is held by the try block alone
  public Integer call() throws Exception {
    MasterKey next = MasterKey.load(newKeyFile);
    if (url != null) {
      return online(next);
    }
    if (dataDir == null) {
      throw new IllegalArgumentException("rotate-master needs --data-dir DIR (offline) or --url and --api-key (online)");
    }
    MasterKey old = MasterKey.resolve(oldKeyFile, System.getenv());
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

  /** Asks a running server to rotate: it reads the new key file itself, so no key crosses HTTP. */
  private int online(MasterKey next) throws Exception {
    if (apiKey == null) {
      throw new IllegalArgumentException("--url needs --api-key with an admin key");
    }
    String body = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
        Map.of("new_master_key_file", newKeyFile.toAbsolutePath().toString()));
    java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(url.replaceAll("/+$", "") + "/v1/admin/master-key"))
            .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    PrintWriter out = spec.commandLine().getOut();
    if (r.statusCode() != 200) {
      spec.commandLine().getErr().println("rotate-master: the server answered " + r.statusCode() + ": " + r.body());
      return 1;
    }
    out.println("server rotated online to master key " + next.id() + ": " + r.body()
        + "; restart it with --master-key-file " + newKeyFile + " when convenient");
    out.flush();
    return 0;
  }
}
