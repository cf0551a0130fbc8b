package io.marquee.cli;

import io.marquee.core.Csv;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marquee.privacy.ProfileReader;
import io.marquee.server.Marquee;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code marquee export}: data that leaves the platform. */
@Command(name = "export", mixinStandardHelpOptions = true,
    subcommands = {ExportCommand.Partner.class, ExportAudienceCommand.class},
    description = "Export data for partners and ad platforms.")
final class ExportCommand {

  /**
   * {@code marquee export partner --to NAME --fields a,b FILE}: profile attributes of the users who
   * consented to {@code data_sharing}, keyed by a per-partner pseudonym (SHA-256 of partner and user
   * id), so two partners cannot join their files on it. No personal data is ever exported.
   */
  @Command(name = "partner", mixinStandardHelpOptions = true,
      description = "Write consented users' profile attributes for a partner, keyed by a hashed id.")
  static final class Partner implements Callable<Integer> {
    @Mixin NodeOptions node;

    @Option(names = "--to", required = true, paramLabel = "NAME", description = "The partner.")
    String partner;

    @Option(names = "--fields", required = true, split = ",", paramLabel = "FIELDS",
        description = "Profile attributes, e.g. age_bracket,genre_affinities.")
    List<String> fields;

    @Parameters(index = "0", paramLabel = "FILE") Path file;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      long written = 0;
      long withoutConsent = 0;
      try (Marquee m = Marquee.open(node.dataDir, node.settings(), "marquee export partner");
          PrintWriter out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
        ProfileReader profiles = new ProfileReader(m.store(), null, m.json());
        out.println("id_sha256," + String.join(",", fields));
        for (String userId : users(m)) {
          if (!m.consent().allows(userId, "data_sharing")) {
            withoutConsent++;
            continue;
          }
          ObjectNode profile = profiles.read(userId, false);
          if (profile == null) {
            continue;
          }
          List<String> cells = new ArrayList<>();
          cells.add(pseudonym(partner, userId));
          for (String f : fields) {
            JsonNode v = profile.path("attributes").path(f).path("value");
            if (v.isMissingNode() || v.isNull()) {
              cells.add("");
            } else {
              cells.add(v.isTextual() ? Csv.quote(v.asText())
                  : Csv.line(java.util.List.of(v.isNumber() ? v.numberValue() : v.toString())));
            }
          }
          out.println(String.join(",", cells));
          written++;
        }
      }
      spec.commandLine().getOut().printf("%s: %,d users exported to %s; %,d left out for lack of data_sharing consent%n",
          file, written, partner, withoutConsent);
      return 0;
    }

    private static List<String> users(Marquee m) throws Exception {
      List<String> out = new ArrayList<>();
      try (Connection c = m.store().readConnection(); Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT DISTINCT user_id FROM events WHERE user_id IS NOT NULL ORDER BY 1")) {
        while (r.next()) {
          out.add(r.getString(1));
        }
      }
      return out;
    }

    static String pseudonym(String partner, String userId) throws Exception {
      return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest((partner + ":" + userId).getBytes(StandardCharsets.UTF_8)));
    }
  }
}
