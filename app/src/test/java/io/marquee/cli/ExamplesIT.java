package io.marquee.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.marquee.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The samples under {@code examples/} import as the README's tour and docs/imports.md say, with nothing refused. */
class ExamplesIT {
  private static final Path EXAMPLES = Path.of("..", "examples");

  @TempDir Path dir;

  @Test
  void catalogEventsAndPartnerSamples_importWithoutRejections() {
    Path data = dir.resolve("data");
    Path key = dir.resolve("ml.master-key");
    assertThat(Files.isDirectory(EXAMPLES)).as("examples/ next to app/").isTrue();
    ok(Cli.run("keys", "init-master", "--out", key.toString()));

    Cli catalog = ok(Cli.run("import", "--data-dir", data.toString(), "--format", "catalog-csv",
        EXAMPLES.resolve("catalog.csv").toString()));
    assertThat(catalog.out).contains("7 ").doesNotContain("rejected: 1").doesNotContain("line ");
    Cli events = ok(Cli.run("import", "--data-dir", data.toString(), "--master-key-file", key.toString(),
        "--format", "segment-ndjson", EXAMPLES.resolve("events.ndjson").toString()));
    assertThat(events.out).doesNotContain("line ");

    Cli counts = ok(Cli.run("sql", "--data-dir", data.toString(), """
        SELECT (SELECT count(*) FROM titles) AS titles, (SELECT count(*) FROM events) AS events,
               (SELECT count(*) FROM views WHERE completed) AS completed""".strip()));
    assertThat(counts.out).isEqualTo("titles,events,completed\n7,14,2\n");

    Cli partner = Cli.run("import", "partner", "--data-dir", data.toString(), "--source", "acme",
        "--party", "third", "--match", "email_sha256", "--ttl", "180d", EXAMPLES.resolve("acme.csv").toString());
    assertThat(partner.exitCode).as(partner.toString()).isZero();
    Cli attributes = ok(Cli.run("sql", "--data-dir", data.toString(),
        "SELECT user_id, attribute FROM partner_attributes ORDER BY attribute"));
    assertThat(attributes.out).isEqualTo(
        "user_id,attribute\nviewer-1,household_size\nviewer-1,interests\nviewer-1,tv_brand\n");
  }

  private static Cli ok(Cli run) {
    assertThat(run.exitCode).as(run.toString()).isZero();
    return run;
  }
}
