package io.marquee.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.marquee.testing.Cli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad options are refused before anything is loaded, naming the option. */
class RecommendCommandTest {
  @TempDir Path dir;

  private static Cli bench(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "bench";
    all[1] = "recommend";
    System.arraycopy(args, 0, all, 2, args.length);
    return Cli.run(all);
  }

  @Test
  void badRetrievalSettings_areRefusedUpFront() {
    Cli r = bench("--synthetic-items", "1000", "--retrieval-budget", "0");
    assertThat(r.exitCode).as(r.toString()).isEqualTo(2);
    assertThat(r.err).contains("--retrieval-budget must be at least 1").doesNotContain("synthetic model");
    assertThat(bench("--model-dir", dir.toString(), "--retrieval-sample", "1").err)
        .contains("--retrieval-sample at least 2");
  }

  @Test
  void inProcessOptions_needAnInProcessModel_andTheTwoModelsExcludeEachOther() {
    assertThat(bench("--url", "http://127.0.0.1:1", "--api-key", "k", "--exact").err)
        .contains("--exact and --compare-only need an in-process model");
    assertThat(bench("--synthetic-items", "10", "--model-dir", dir.toString()).err)
        .contains("--synthetic-items and --model-dir exclude each other");
  }

  @Test
  void aDataDirWithoutAModelSet_isNamed() {
    Cli r = bench("--model-dir", dir.toString(), "--compare-only");
    assertThat(r.exitCode).isEqualTo(2);
    assertThat(r.err).contains("no model set in " + dir).contains("marquee train");
  }
}
