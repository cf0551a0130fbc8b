package io.marquee.cli;

import io.marquee.adexport.AdFormat;
import io.marquee.adexport.AudienceExport;
import io.marquee.adexport.ExportPlan;
import io.marquee.adexport.ExportsCapability;
import io.marquee.audiences.AudienceMembers;
import io.marquee.audiences.ExportConsent;
import io.marquee.server.Capabilities;
import io.marquee.server.HttpServer;
import io.marquee.server.Marquee;
import io.marquee.vault.MasterKey;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code marquee export audience --data-dir DIR --master-key-file KEY --id ID --format
 * google|meta|user-ids [--removals] FILE}: the audience written to FILE under the rules of {@code
 * POST /v1/audiences/{id}/exports} ({@link AudienceExport}), audited as actor {@code cli}; the
 * summary line says how many were written and who was left out and why. Exits 1 with the reason
 * when the export is refused; FILE is then not created. FILE is created owner-only and must not
 * exist; the export is written straight to it, no other copy is made.
 */
@Command(name = "audience", mixinStandardHelpOptions = true,
    description = "Write an audience for Google Customer Match, Meta Custom Audiences, or as user ids.")
final class ExportAudienceCommand implements Callable<Integer> {
  @Mixin NodeOptions node;

  @Option(names = "--master-key-file", paramLabel = "FILE",
      description = "Master key for the vault (default: MARQUEE_MASTER_KEY); google and meta need it.")
  Path masterKeyFile;

  @Option(names = "--id", required = true, paramLabel = "ID", description = "The audience.")
  String id;

  @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "google, meta or user-ids.")
  String format;

  @Option(names = "--removals", description = "Only the members who left since the last export in this format.")
  boolean removals;

  @Parameters(index = "0", paramLabel = "FILE") Path file;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    AdFormat f = AdFormat.of(format);
    if (f == null) {
      throw new ParameterException(spec.commandLine(), "--format: '" + format + "' is not google, meta or user-ids");
    }
    String envKey = System.getenv(MasterKey.ENV);
    MasterKey master = masterKeyFile != null || (envKey != null && !envKey.isBlank())
        ? MasterKey.resolve(masterKeyFile, System.getenv()) : null;
    if (f.adPlatform() && master == null) {
      throw new ParameterException(spec.commandLine(), "--master-key-file: the " + format
          + " format needs the members' personal fields, which only the vault's master key can read");
    }
    try (Marquee m = Marquee.open(node.dataDir, node.settings(), "marquee export audience", master)) {
      Optional<AudienceMembers> members = m.services().find(AudienceMembers.class);
      if (members.isPresent()) {
        return run(m, members.get(), ExportsCapability.consent(m.services()), f);
      }
      // The audiences capability offers its services while it registers its routes; a server bound to the
      // loopback interface on a free port registers every capability (no key is created, so nothing
      // can be asked of it) and is closed as soon as the export is written.
      try (HttpServer registered = HttpServer.start(m, "127.0.0.1", 0, Capabilities.all())) {
        return run(m, registered.service(AudienceMembers.class), registered.service(ExportConsent.class), f);
      }
    }
  }

  /** The export on an open node, with its members service; 0 when written, 1 when refused. */
  int run(Marquee m, AudienceMembers members, ExportConsent consent, AdFormat f) throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<AudienceMembers.Members> audience = members.members(id);
    if (audience.isEmpty()) {
      err.println("marquee export audience: no audience " + id);
      err.flush();
      return 1;
    }
    AudienceExport export = ExportsCapability.export(m.store(), m.vault(), m.json(), consent, m.audit(), m.dataDir());
    ExportPlan plan = export.plan(audience.get(), f, removals);
    if (plan.refusal() != null) {
      err.println("marquee export audience: refused: " + plan.refusal());
      err.flush();
      return 1;
    }
    long lines;
    OutputStream created = create(file);
    try (OutputStream o = created) {
      lines = export.write(plan, CLI_ACTOR, o);
    } catch (IOException | RuntimeException | java.sql.SQLException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    out.println(file + ": " + lines + " lines; " + plan.summary());
    out.flush();
    return 0;
  }

  /** The audit log's actor for exports from the command line (as for key changes). */
  static final String CLI_ACTOR = "cli";

  private static OutputStream create(Path file) throws IOException {
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    } catch (FileAlreadyExistsException e) {
      throw new IOException(file + " already exists; an export never overwrites a file", e);
    }
    return Files.newOutputStream(file, StandardOpenOption.WRITE);
  }
}
