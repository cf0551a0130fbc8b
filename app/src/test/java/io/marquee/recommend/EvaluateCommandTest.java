package io.marquee.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {
  @TempDir Path dir;

  /** 60 users, 30 items, two taste groups, ml-100k layout without side files. */
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
  void json_isOneObjectPerAlgorithm_withTheDocumentedKeys() throws IOException {
    writeSmallMovieLens();
    Cli run = Cli.run("evaluate", "--movielens", dir.toString(), "--algorithm", "all",
        "--seeds", "2", "--format", "json");

    assertThat(run.exitCode).as(run.toString()).isZero();
    JsonNode rows = new ObjectMapper().readTree(run.out);
    assertThat(rows.size()).isEqualTo(Recommenders.NAMES.size());
    for (int a = 0; a < rows.size(); a++) {
      JsonNode row = rows.get(a);
      assertThat(row.get("algorithm").asText()).isEqualTo(Recommenders.NAMES.get(a));
      assertThat(row.fieldNames()).toIterable().containsExactly(
          "algorithm", "ndcg@10", "precision@10", "recall@10", "map@10", "train_seconds");
      assertThat(row.get("ndcg@10").asDouble()).isBetween(0.0, 1.0);
    }
    // Two clean taste groups: the collaborative models find them, popularity cannot.
    assertThat(rows.get(4).get("ndcg@10").asDouble())
        .isGreaterThan(rows.get(0).get("ndcg@10").asDouble());
  }

  @Test
  void sameSeed_sameNumbers_andKChangesTheKeys() throws IOException {
    writeSmallMovieLens();
    Cli first = Cli.run("evaluate", "--movielens", dir.toString(), "--algorithm", "ease",
        "--k", "5", "--format", "json");
    Cli again = Cli.run("evaluate", "--movielens", dir.toString(), "--algorithm", "ease",
        "--k", "5", "--format", "json");

    assertThat(first.out).contains("\"ndcg@5\"");
    assertThat(first.out.replaceAll("\"train_seconds\": [0-9.]+", ""))
        .isEqualTo(again.out.replaceAll("\"train_seconds\": [0-9.]+", ""));
  }

  @Test
  void text_isATable() throws IOException {
    writeSmallMovieLens();
    Cli run = Cli.run("evaluate", "--movielens", dir.toString(), "--algorithm", "popularity",
        "--seeds", "2");
    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.out).startsWith("algorithm").contains("popularity").contains("±")
        .contains("2 seed(s)");
  }

  @Test
  void unknownAlgorithm_isAUsageError() throws IOException {
    writeSmallMovieLens();
    Cli run = Cli.run("evaluate", "--movielens", dir.toString(), "--algorithm", "svd");
    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err).contains("unknown algorithm svd");
  }
}
