package io.marquee.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.BadRequestResponse;
import io.marquee.audit.AuditLog;
import io.marquee.config.DataDirLock;
import io.marquee.config.Settings;
import io.marquee.releases.BudgetLedger;
import io.marquee.releases.ExactNoise;
import io.marquee.releases.ReleaseRequest;
import io.marquee.releases.Releaser;
import io.marquee.releases.ReleasesCapability;
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
 * {@code marquee release --data-dir DIR --title ID --epsilon E [--from D --to D] [--figures ...]}:
 * the differentially private release of {@code POST /v1/releases}, offline (server stopped), as the
 * same JSON on stdout, charged to the same budget ledger and audited with the actor {@code cli}.
 * Audiences are released by a running node only ({@code POST /v1/releases}), which holds their
 * membership. Exit 1 with the reason when the title is unknown or its budget is spent.
 */
@Command(name = "release", mixinStandardHelpOptions = true,
    description = {"Release a title's figures with differential privacy (offline, server stopped); JSON on stdout.",
        "Charged to the title's privacy budget (releases.budget-epsilon) in DIR/releases/ledger.jsonl."})
final class ReleaseCommand implements Callable<Integer> {
  static final String CLI_ACTOR = "cli";

  @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "Data directory (server stopped).")
  Path dataDir;

  @Option(names = "--config", paramLabel = "FILE", description = "Properties file overriding marquee-reference.properties.")
  Path config;

  @Option(names = "--title", required = true, paramLabel = "ASSET_ID", description = "The title to release.")
  String title;

  @Option(names = "--epsilon", required = true, paramLabel = "E", description = "The release's epsilon, e.g. 0.5 or 1/3.")
  String epsilon;

  @Option(names = "--from", paramLabel = "DATE", description = "First day (ISO date, UTC); default 27 days before --to.")
  String from;

  @Option(names = "--to", paramLabel = "DATE", description = "Last day (ISO date, UTC); default today.")
  String to;

  @Option(names = "--figures", split = ",", paramLabel = "FIGURE",
      defaultValue = "viewers,views,hours,age_bracket,gender,country",
      description = "Comma-separated figures (default: ${DEFAULT-VALUE}).")
  List<String> figures;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Settings settings = config == null ? Settings.defaults() : Settings.defaults().withFile(config);
    ObjectMapper json = new ObjectMapper();
    ObjectNode body = json.createObjectNode();
    body.putObject("subject").put("title", title);
    body.put("epsilon", epsilon);
    body.putPOJO("figures", figures);
    if (from != null) {
      body.put("from", from);
    }
    if (to != null) {
      body.put("to", to);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (DataDirLock lock = DataDirLock.acquire(dataDir, "marquee release")) {
      Marquee.recoverStore(dataDir, settings);
      try (BudgetLedger ledger = ReleasesCapability.openLedger(dataDir, settings, json);
          AuditLog audit = AuditLog.open(dataDir);
          Store store = Store.openForQueries(dataDir.resolve("store"))) {
        ReleaseRequest request = ReleaseRequest.parse(json.valueToTree(body), ledger.limit(), Clock.systemUTC());
        Releaser releaser = ReleasesCapability.releaser(store, ledger, new ExactNoise(new SecureRandom()), audit,
            Optional::empty, settings);
        Map<String, Object> answer = releaser.release(request, CLI_ACTOR);
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
    }
    err.flush();
    return 1;
  }
}
