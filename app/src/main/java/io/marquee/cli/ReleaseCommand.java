package io.marquee.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.BadRequestResponse;
import io.marquee.audiences.AudienceMembers;
import io.marquee.audit.AuditLog;
import io.marquee.config.DataDirLock;
import io.marquee.config.Settings;
import io.marquee.releases.BudgetLedger;
import io.marquee.releases.ExactNoise;
import io.marquee.releases.ReleaseRequest;
import io.marquee.releases.Releaser;
import io.marquee.releases.ReleasesCapability;
import io.marquee.server.Capabilities;
import io.marquee.server.HttpServer;
import io.marquee.server.Marquee;
import io.marquee.store.Store;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code marquee release --data-dir DIR (--title ID | --audience ID) --epsilon E [--from D --to D]
 * [--figures ...]}: the differentially private release of {@code POST /v1/releases}, offline (server
 * stopped), as the same JSON on stdout, charged to the same budget ledger and audited with the actor
 * {@code cli}. An audience's members are read from the node's saved membership, as the running node
 * does. Exit 1 with the reason when the subject is unknown or its budget is spent.
 */
@Command(name = "release", mixinStandardHelpOptions = true,
    description = {"Release a title's or an audience's figures with differential privacy (offline, server stopped);",
        "JSON on stdout. Charged to the subject's privacy budget (releases.budget-epsilon) in DIR/releases/ledger.jsonl."})
final class ReleaseCommand implements Callable<Integer> {
  static final String CLI_ACTOR = "cli";

  @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "Data directory (server stopped).")
  Path dataDir;

  @Option(names = "--config", paramLabel = "FILE", description = "Properties file overriding marquee-reference.properties.")
  Path config;

  /** Exactly one subject: a title or a saved audience. */
  static final class Subject {
    @Option(names = "--title", required = true, paramLabel = "ASSET_ID", description = "The title to release.")
    String title;

    @Option(names = "--audience", required = true, paramLabel = "ID",
        description = "The saved audience to release (figures size, age_bracket, gender, country).")
    String audience;
  }

  @picocli.CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
  Subject subject;

  @Option(names = "--epsilon", required = true, paramLabel = "E", description = "The release's epsilon, e.g. 0.5 or 1/3.")
  String epsilon;

  @Option(names = "--from", paramLabel = "DATE", description = "First day (ISO date, UTC); default 27 days before --to.")
  String from;

  @Option(names = "--to", paramLabel = "DATE", description = "Last day (ISO date, UTC); default today.")
  String to;

  @Option(names = "--figures", split = ",", paramLabel = "FIGURE",
      description = "Comma-separated figures (default: a title's viewers,views,hours,age_bracket,gender,country;"
          + " an audience's size,age_bracket,gender,country).")
  List<String> figures;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Settings settings = config == null ? Settings.defaults() : Settings.defaults().withFile(config);
    ObjectMapper json = new ObjectMapper();
    ObjectNode body = json.createObjectNode();
    boolean audience = subject.audience != null;
    body.putObject("subject").put(audience ? "audience" : "title", audience ? subject.audience : subject.title);
    body.put("epsilon", epsilon);
    body.putPOJO("figures", figures != null ? figures
        : audience ? ReleaseRequest.AUDIENCE_FIGURES : ReleaseRequest.TITLE_FIGURES);
    if (from != null) {
      body.put("from", from);
    }
    if (to != null) {
      body.put("to", to);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Map<String, Object> answer = audience ? releaseAudience(settings, json, body) : releaseTitle(settings, json, body);
      out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
      out.flush();
      return 0;
    } catch (BadRequestResponse e) {
      err.println("release: " + e.getMessage());
    } catch (Releaser.NoSubjectException e) {
      err.println("release: " + e.getMessage());
    } catch (BudgetLedger.BudgetSpentException e) {
      err.println("release: refused: " + e.getMessage());
    }
    err.flush();
    return 1;
  }

  /** A title's release: the store brought up to date and read directly, under the data dir's lock. */
  private Map<String, Object> releaseTitle(Settings settings, ObjectMapper json, ObjectNode body) throws Exception {
    try (DataDirLock lock = DataDirLock.acquire(dataDir, "marquee release")) {
      Marquee.recoverStore(dataDir, settings);
      try (BudgetLedger ledger = ReleasesCapability.openLedger(dataDir, settings, json);
          AuditLog audit = AuditLog.open(dataDir);
          Store store = Store.openForQueries(dataDir.resolve("store"))) {
        ReleaseRequest request = ReleaseRequest.parse(json.valueToTree(body), ledger.limit(), Clock.systemUTC());
        return ReleasesCapability.releaser(store, ledger, new ExactNoise(new SecureRandom()), audit,
            Optional::empty, settings).release(request, CLI_ACTOR);
      }
    }
  }

  /**
   * An audience's release: the node is opened (lock, recovery) and its capabilities registered on a
   * loopback server bound to a free port, which no key can call, only to reach the audiences' members
   * service, as {@code marquee export audience} does; closed as soon as the release is written.
   */
  private Map<String, Object> releaseAudience(Settings settings, ObjectMapper json, ObjectNode body) throws Exception {
    try (Marquee m = Marquee.open(dataDir, settings, "marquee release");
        HttpServer registered = HttpServer.start(m, "127.0.0.1", 0, Capabilities.all());
        BudgetLedger ledger = ReleasesCapability.openLedger(dataDir, settings, json)) {
      ReleaseRequest request = ReleaseRequest.parse(json.valueToTree(body), ledger.limit(), Clock.systemUTC());
      AudienceMembers members = registered.service(AudienceMembers.class);
      return ReleasesCapability.releaser(m.store(), ledger, new ExactNoise(new SecureRandom()), m.audit(),
          () -> Optional.of(members), settings).release(request, CLI_ACTOR);
    }
  }
}
