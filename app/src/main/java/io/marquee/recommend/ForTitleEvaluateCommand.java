package io.marquee.recommend;

import io.marquee.imports.MovieLensData;
import io.marquee.store.Store;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code marquee evaluate for-title}: the offline measurement of the cold-start audience of a new
 * title ({@link ForTitleEvaluation}) on a MovieLens directory or a data dir's store (opened read-only,
 * the server stopped or not; nothing is written), printed as one table: per method, precision and
 * recall at each N. Exit code 2 on bad arguments.
 */
@Command(name = "for-title", mixinStandardHelpOptions = true,
    description = {"Hold out all the viewers of a sample of titles, train as if the titles were new, and report "
        + "precision@N and recall@N of their for-title audience against who watched them, beside a demographic, "
        + "a most-active and a random baseline."})
final class ForTitleEvaluateCommand implements Callable<Integer> {
  /** Where the data comes from: exactly one. */
  static final class Source {
    @Option(names = "--movielens", required = true, paramLabel = "DIR",
        description = "A MovieLens directory: ml-100k (u.data, u.item, u.user) or ml-latest.")
    Path movielens;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "A data dir: its store is read.")
    Path dataDir;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  @Option(names = "--titles", defaultValue = "50", description = "Titles held out (default: ${DEFAULT-VALUE}).")
  int titles;

  @Option(names = "--min-viewers", defaultValue = "20",
      description = "Least viewers of a held-out title (default: ${DEFAULT-VALUE}).")
  int minViewers;

  @Option(names = "--size", defaultValue = "100", split = ",", paramLabel = "N",
      description = "Audience sizes N (default: ${DEFAULT-VALUE}).")
  int[] sizes;

  @Option(names = "--seed", defaultValue = "7", description = "Seed of the draw and the ties (default: ${DEFAULT-VALUE}).")
  long seed;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (titles < 1 || minViewers < 1 || Arrays.stream(sizes).anyMatch(n -> n < 1)) {
      throw new ParameterException(spec.commandLine(), "--titles, --min-viewers and --size must be at least 1");
    }
    PrintWriter err = spec.commandLine().getErr();
    long t0 = System.nanoTime();
    Dataset data;
    Map<String, Integer> years;
    String what;
    if (source.movielens != null) {
      MovieLens ml = MovieLens.read(source.movielens);
      data = dataset(ml);
      years = movieLensYears(source.movielens);
      what = "MovieLens " + source.movielens.getFileName();
    } else {
      Path store = source.dataDir.resolve("store");
      if (!Files.isDirectory(store)) {
        throw new ParameterException(spec.commandLine(), "--data-dir: no store in " + source.dataDir);
      }
      try (Store s = Store.openReadOnly(store); Connection c = s.readConnection()) {
        data = StoreDataset.load(c);
        years = storeYears(c);
      }
      what = "the store of " + source.dataDir;
    }
    err.printf(Locale.ROOT, "read %s in %.1f s%n", what, (System.nanoTime() - t0) / 1e9);
    err.flush();
    IdIndex items = data.interactions().items();
    ForTitleEvaluation.Report r;
    try {
      r = ForTitleEvaluation.run(data, i -> years.get(items.id(i)), titles, minViewers, sizes, seed);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--titles: " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(text(what, r, titles, minViewers, seed));
    out.flush();
    return 0;
  }

  /** The report as a text table. */
  static String text(String what, ForTitleEvaluation.Report r, int titles, int minViewers, long seed) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%s: %,d users, %,d titles; %d titles with >= %d viewers held out (seed %d)%n",
        what, r.users(), r.items(), titles, minViewers, seed));
    b.append(String.format(Locale.ROOT, "held-out title: %.1f viewers among %.0f candidate users on average "
        + "(random precision %.4f)%n", r.meanViewers(), r.meanCandidates(), r.meanViewers() / r.meanCandidates()));
    b.append(String.format(Locale.ROOT, "%-20s", "method"));
    for (int n : r.sizes()) {
      b.append(String.format(Locale.ROOT, " %14s %14s", "precision@" + n, "recall@" + n));
    }
    b.append(System.lineSeparator());
    for (ForTitleEvaluation.Row row : r.rows()) {
      b.append(String.format(Locale.ROOT, "%-20s", row.method()));
      for (int k = 0; k < r.sizes().length; k++) {
        b.append(String.format(Locale.ROOT, " %14.4f %14.4f", row.precision()[k], row.recall()[k]));
      }
      b.append(System.lineSeparator());
    }
    b.append(String.format(Locale.ROOT, "train (iALS + content, without the held-out feedback) %.1f s; "
        + "for-title scoring %.1f ms per title%n", r.trainSeconds(), r.scoreMillis()));
    return b.toString();
  }

  /** Every rating an implicit weight of 1, as {@link Evaluation} trains on MovieLens. */
  static Dataset dataset(MovieLens ml) {
    Interactions.Builder b = Interactions.builder(ml.users, ml.items);
    long now = 0;
    for (int r = 0; r < ml.size(); r++) {
      b.add(ml.user[r], ml.item[r], 1f, ml.rating[r], ml.time[r]);
      now = Math.max(now, ml.time[r]);
    }
    return new Dataset(b.build(), ml.features, ml.profiles, now);
  }

  private static Map<String, Integer> movieLensYears(Path dir) throws IOException, InterruptedException {
    Map<String, Integer> years = new HashMap<>();
    MovieLensData.open(dir).titles((t, where) -> {
      if (t.releaseYear() != null) {
        years.put(t.assetId(), t.releaseYear());
      }
    });
    return years;
  }

  private static Map<String, Integer> storeYears(Connection c) throws java.sql.SQLException {
    Map<String, Integer> years = new HashMap<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT asset_id, release_year FROM titles WHERE release_year IS NOT NULL")) {
      while (r.next()) {
        years.put(r.getString(1), r.getInt(2));
      }
    }
    return years;
  }
}
