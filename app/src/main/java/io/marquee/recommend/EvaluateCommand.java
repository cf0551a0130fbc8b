package io.marquee.recommend;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code marquee evaluate}: offline quality of the recommenders on MovieLens under the Microsoft
 * Recommenders benchmark protocol ({@link ProtocolSplit}, {@link Evaluation}), one row per
 * algorithm with the means over seeds seed, seed + 1, ... of nDCG, precision, recall and MAP at k
 * and the training time. Text by default; {@code --format json} prints a JSON array with one
 * object per algorithm, keys {@code algorithm}, {@code ndcg@K}, {@code precision@K}, {@code
 * recall@K}, {@code map@K}, {@code train_seconds}. Exit code 2 on bad arguments.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, subcommands = ForTitleEvaluateCommand.class,
    description = "Offline evaluation of the recommenders on MovieLens (Microsoft Recommenders "
        + "protocol: per-item random 75/25 split, all test ratings relevant, seen items removed).")
public final class EvaluateCommand implements Callable<Integer> {

  /** Output formats. */
  enum Format { text, json }

  @Option(names = "--movielens", paramLabel = "DIR",
      description = "A MovieLens directory: ml-100k (u.data) or ml-latest (ratings.csv); required without a subcommand.")
  Path dir;

  @Option(names = "--algorithm", defaultValue = "all", paramLabel = "NAME",
      description = "One of ${COMPLETION-CANDIDATES} or all (default: ${DEFAULT-VALUE}).",
      completionCandidates = Names.class)
  String algorithm;

  @Option(names = "--seed", defaultValue = "42", description = "First split seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--seeds", defaultValue = "1", description = "How many seeds to average (default: ${DEFAULT-VALUE}).")
  int seeds;

  @Option(names = "--k", defaultValue = "10", description = "List length (default: ${DEFAULT-VALUE}).")
  int k;

  @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--retrieval", description = "Rank each user's list from the two-stage retrieval's "
      + "candidates (how catalogs over 10,000 titles are served) instead of the whole catalog.")
  boolean retrieval;

  @Spec CommandSpec spec;

  /** The serving defaults, applied whatever the catalog's size. */
  private static Retrieval.Settings servingRetrieval() {
    Retrieval.Settings d = Retrieval.Settings.defaults();
    return new Retrieval.Settings(0, d.budget(), d.sampleSize(), d.seed());
  }

  /** The algorithm names, for the help text. */
  static final class Names extends ArrayList<String> {
    Names() {
      super(Recommenders.NAMES);
    }
  }

  @Override
  public Integer call() {
    List<String> names = algorithm.equals("all") ? Recommenders.NAMES : List.of(algorithm);
    if (!Recommenders.NAMES.containsAll(names)) {
      throw new ParameterException(spec.commandLine(), "unknown algorithm " + algorithm
          + "; choose from " + String.join(", ", Recommenders.NAMES) + " or all");
    }
    if (dir == null) {
      throw new ParameterException(spec.commandLine(), "Missing required option: '--movielens=DIR'");
    }
    if (seeds < 1 || k < 1) {
      throw new ParameterException(spec.commandLine(), "--seeds and --k must be at least 1");
    }
    PrintWriter err = spec.commandLine().getErr();
    MovieLens data = MovieLens.read(dir);
    if (data.report.rejected() > 0) {
      err.printf(Locale.ROOT, "%,d rows left out, as an import would reject them; first: %s%n",
          data.report.rejected(), data.report.errors().get(0));
    }
    int threads = Runtime.getRuntime().availableProcessors();
    List<List<Evaluation.Result>> runs = new ArrayList<>();
    for (String name : names) {
      runs.add(new ArrayList<>());
    }
    for (int s = 0; s < seeds; s++) {
      boolean[] train = ProtocolSplit.train(data.item, data.items.size(), seed + s);
      for (int a = 0; a < names.size(); a++) {
        Evaluation.Result r =
            Evaluation.run(Recommenders.create(names.get(a), seed + s), data, train, k, threads,
                retrieval ? servingRetrieval() : null);
        runs.get(a).add(r);
        err.printf(Locale.ROOT, "seed %d %-12s ndcg@%d %.4f  precision@%d %.4f  train %.2f s  (%d users)%n",
            seed + s, r.algorithm(), k, r.metrics().ndcg(), k, r.metrics().precision(),
            r.trainSeconds(), r.users());
        err.flush();
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(format == Format.json ? EvaluationReport.json(runs, k) : EvaluationReport.text(runs, k));
    out.flush();
    return 0;
  }
}
