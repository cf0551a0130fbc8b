package io.marquee.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.marquee.testing.Cli;
import io.marquee.testing.SharedData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code marquee import --format movielens} on the real ml-100k, checked through {@code marquee sql}. */
class MovieLensImportIT {
  @TempDir Path dataDir;

  @Test
  void ml100k_importsAllRatingsUsersAndTitles_andReimportIsDeduplicated() {
    Path ml = SharedData.movieLens("ml-100k");
    Path key = dataDir.resolveSibling(dataDir.getFileName() + ".master-key");
    Cli init = Cli.run("keys", "init-master", "--out", key.toString());
    assertThat(init.exitCode).as(init.toString()).isZero();
    Cli first = Cli.run("import", "--data-dir", dataDir.toString(), "--master-key-file", key.toString(),
        "--format", "movielens", ml.toString());
    assertThat(first.exitCode).as(first.toString()).isZero();

    Cli counts = Cli.run("sql", "--data-dir", dataDir.toString(), """
        SELECT (SELECT count(*) FROM events WHERE event = 'Content Rated') AS ratings,
               (SELECT count(DISTINCT user_id) FROM events WHERE type = 'identify') AS users,
               (SELECT count(*) FROM titles) AS titles,
               (SELECT count(*) FROM events WHERE type = 'identify' AND (traits->>'gender') IS NOT NULL) AS with_gender
        """);
    assertThat(counts.out).as(counts.toString()).isEqualTo("ratings,users,titles,with_gender\n100000,943,1682,943\n");

    Cli again = Cli.run("import", "--data-dir", dataDir.toString(), "--master-key-file", key.toString(),
        "--format", "movielens", ml.toString());
    assertThat(again.exitCode).as(again.toString()).isZero();
    Cli total = Cli.run("sql", "--data-dir", dataDir.toString(), "SELECT count(*) AS n FROM events");
    assertThat(total.out).isEqualTo("n\n100943\n");
  }

  @Test
  void withoutAMasterKey_zipCodesAreRefusedAsPersonalData() {
    Cli run = Cli.run("import", "--data-dir", dataDir.toString(), "--format", "movielens",
        SharedData.movieLens("ml-100k").toString());
    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.out).contains("943 rejected").contains("no master key");
  }

  @Test
  void unknownFormat_isRefusedWithTheChoices() {
    Cli bad = Cli.run("import", "--data-dir", dataDir.toString(), "--format", "xml", "x");
    assertThat(bad.exitCode).isNotZero();
    assertThat(bad.err).contains("segment-ndjson, catalog-csv or movielens");
  }
}
