package io.marquee.recommend;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The output of {@code marquee evaluate}: per algorithm, means (and spread) over seeds. */
final class EvaluationReport {
  private EvaluationReport() {}

  /** A JSON array, one object per algorithm and line. */
  static String json(List<List<Evaluation.Result>> runs, int k) {
    StringBuilder s = new StringBuilder("[\n");
    for (int a = 0; a < runs.size(); a++) {
      List<Evaluation.Result> r = runs.get(a);
      s.append(String.format(Locale.ROOT,
          "  {\"algorithm\": \"%s\", \"ndcg@%d\": %.6f, \"precision@%d\": %.6f, \"recall@%d\": %.6f,"
              + " \"map@%d\": %.6f, \"train_seconds\": %.3f}%s%n",
          r.get(0).algorithm(), k, mean(r, x -> x.metrics().ndcg()), k,
          mean(r, x -> x.metrics().precision()), k, mean(r, x -> x.metrics().recall()), k,
          mean(r, x -> x.metrics().averagePrecision()), mean(r, Evaluation.Result::trainSeconds),
          a + 1 < runs.size() ? "," : ""));
    }
    return s.append("]\n").toString();
  }

  /** An aligned table; with several seeds, each metric as mean ± standard deviation. */
  static String text(List<List<Evaluation.Result>> runs, int k) {
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
        "%-12s %-17s %-17s %-17s %-17s %s%n", "algorithm", "ndcg@" + k, "precision@" + k,
        "recall@" + k, "map@" + k, "train s"));
    for (List<Evaluation.Result> r : runs) {
      s.append(String.format(Locale.ROOT, "%-12s %-17s %-17s %-17s %-17s %.3f%n",
          r.get(0).algorithm(), cell(r, x -> x.metrics().ndcg()),
          cell(r, x -> x.metrics().precision()), cell(r, x -> x.metrics().recall()),
          cell(r, x -> x.metrics().averagePrecision()), mean(r, Evaluation.Result::trainSeconds)));
    }
    s.append(String.format(Locale.ROOT, "%d seed(s); %d users scored%n", runs.get(0).size(),
        runs.get(0).get(0).users()));
    return s.toString();
  }

  private static String cell(List<Evaluation.Result> r, ToDoubleFunction<Evaluation.Result> f) {
    if (r.size() == 1) {
      return String.format(Locale.ROOT, "%.4f", f.applyAsDouble(r.get(0)));
    }
    double mean = mean(r, f);
    double var = 0;
    for (Evaluation.Result x : r) {
      var += Math.pow(f.applyAsDouble(x) - mean, 2);
    }
    return String.format(Locale.ROOT, "%.4f ± %.4f", mean, Math.sqrt(var / (r.size() - 1)));
  }

  static double mean(List<Evaluation.Result> r, ToDoubleFunction<Evaluation.Result> f) {
    return r.stream().mapToDouble(f).average().orElse(Double.NaN);
  }
}
