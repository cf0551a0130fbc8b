package io.marquee.cli;

import io.marquee.privacy.PartnerData;
import io.marquee.server.Marquee;
import io.marquee.vault.MasterKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code marquee import partner}: second- and third-party attributes from a CSV into profiles, with
 * their provenance and expiry. Raw e-mails in the file are hashed on read and never stored.
 */
@Command(name = "partner", mixinStandardHelpOptions = true,
    description = "Import partner (second-party) or provider (third-party) attributes from a CSV.",
    footer = {"",
        "The CSV has a header row. One column names the user: user_id",
        "(--match user_id), or email_sha256 or a raw email column, hashed on",
        "read and never stored (--match email_sha256). Every other column is",
        "an attribute: integers are stored as numbers, a|b|c as lists, the",
        "rest as text. Sample: examples/acme.csv; details in docs/imports.md."})
final class PartnerImportCommand implements Callable<Integer> {
  @Mixin NodeOptions node;

  @Option(names = "--source", required = true, paramLabel = "NAME", description = "The partner or provider.")
  String source;

  @Option(names = "--party", required = true, paramLabel = "second|third", description = "second or third.")
  String party;

  @Option(names = "--match", required = true, paramLabel = "user_id|email_sha256",
      description = "How rows name users: a user_id column, or email_sha256 (or a raw email column, hashed on read).")
  String match;

  @Option(names = "--ttl", defaultValue = "180d", paramLabel = "DURATION",
      description = "How long the attributes stay valid, e.g. 180d or 12h (default: ${DEFAULT-VALUE}).")
  String ttl;

  @Option(names = "--legal-basis", defaultValue = "legitimate_interest",
      description = "Legal basis recorded with each attribute (default: ${DEFAULT-VALUE}).")
  String legalBasis;

  @Parameters(index = "0", paramLabel = "FILE.csv") Path file;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (!party.equals("second") && !party.equals("third")) {
      throw new IllegalArgumentException("--party must be second or third, not '" + party + "'");
    }
    if (!match.equals("user_id") && !match.equals("email_sha256")) {
      throw new IllegalArgumentException("--match must be user_id or email_sha256, not '" + match + "'");
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + " is not a file");
    }
    java.time.Duration validity = PartnerData.parseTtl(ttl);
    String envKey = System.getenv(MasterKey.ENV);
    MasterKey master = envKey != null && !envKey.isBlank() ? MasterKey.resolve(null, System.getenv()) : null;
    PartnerData.ImportResult r;
    try (Marquee m = Marquee.open(node.dataDir, node.settings(), "marquee import partner", master)) {
      r = new PartnerData(m.store(), m.json()).importCsv(file, source, party, match, validity, legalBasis);
    }
    var out = spec.commandLine().getOut();
    out.printf("%s: %,d rows, %,d matched (match rate %.1f%%), %,d attributes stored, %,d rejected%n",
        file.getFileName(), r.rows(), r.matched(), r.rows() == 0 ? 0.0 : 100.0 * r.matched() / r.rows(),
        r.attributes(), r.rejected().size());
    r.rejected().stream().limit(20).forEach(e -> out.println("  " + e));
    return 0;
  }
}
