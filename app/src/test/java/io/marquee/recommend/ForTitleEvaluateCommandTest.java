package io.marquee.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import io.marquee.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForTitleEvaluateCommandTest {
  @TempDir Path dir;

  /** 60 users, 30 items in two taste groups, ml-100k layout without side files. */
  private void writeSmallMovieLens() throws IOException {
    SplittableRandom rng = new SplittableRandom(42);
    StringBuilder data = new StringBuilder();
    for (int u = 1; u <= 60; u++) {
      int base = u <= 30 ? 1 : 16;
      for (int i = base; i < base + 15; i++) {
        if (rng.nextDouble() < 0.6) {
          data.append(u).append('\t').append(i).append('\t').append(1 + rng.nextInt(5))
              .append('\t').append(880000000 + rng.nextInt(1000000)).append('\n');
        }
      }
    }
    Files.writeString(dir.resolve("u.data"), data);
  }

  @Test
  void forTitle_printsOneRowPerMethod_withPrecisionAndRecallAtEachSize() throws IOException {
    writeSmallMovieLens();

    Cli run = Cli.run("evaluate", "for-title", "--movielens", dir.toString(), "--titles", "4", "--min-viewers", "10",
        "--size", "5,10", "--seed", "3");

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.out).contains("4 titles with >= 10 viewers held out (seed 3)")
        .contains("precision@5").contains("recall@10");
    for (String method : ForTitleEvaluation.METHODS) {
      assertThat(run.out).containsPattern("(?m)^" + method + " +0\\.\\d{4} +\\d\\.\\d{4} +0\\.\\d{4} +\\d\\.\\d{4}$");
    }
  }

  @Test
  void badArguments_exitWith2_namingTheOption() throws IOException {
    writeSmallMovieLens();

    Cli zero = Cli.run("evaluate", "for-title", "--movielens", dir.toString(), "--size", "0");
    Cli tooMany = Cli.run("evaluate", "for-title", "--movielens", dir.toString(), "--titles", "500");
    Cli neither = Cli.run("evaluate", "for-title");
    Cli parent = Cli.run("evaluate");

    assertThat(zero.exitCode).isEqualTo(2);
    assertThat(zero.err).contains("--size");
    assertThat(tooMany.exitCode).isEqualTo(2);
    assertThat(tooMany.err).contains("--titles").contains("fewer than the 500 asked");
    assertThat(neither.exitCode).isEqualTo(2);
    assertThat(parent.exitCode).isEqualTo(2);
    assertThat(parent.err).contains("--movielens");
  }
}
