package io.marquee.recommend;

/**
 * The mean and variance of a model's scores over the whole catalog, known without scoring it: what
 * {@link Standardisation#add} needs when only candidates are scored ({@link Recommender#moments}).
 */
public record Moments(double mean, double variance) {

  /**
   * Of the scores v . y over rows y whose mean is {@code meanRow} and whose second moment E[y yᵀ] is
   * {@code second} (f x f, row-major): mean v . E[y], variance vᵀ E[y yᵀ] v - mean².
   */
  static Moments ofLinear(float[] v, double[] meanRow, double[] second) {
    int f = meanRow.length;
    double mean = 0;
    double square = 0;
    for (int a = 0; a < f; a++) {
      mean += v[a] * meanRow[a];
      double row = 0;
      for (int b = 0; b < f; b++) {
        row += second[a * f + b] * v[b];
      }
      square += v[a] * row;
    }
    return new Moments(mean, square - mean * mean);
  }

  /** Of {@code n} scores of which {@code values} are listed and the other n - values.length equal {@code rest}. */
  static Moments of(float[] values, int n, float rest) {
    double sum = 0;
    double square = 0;
    for (float x : values) {
      sum += x;
      square += (double) x * x;
    }
    int others = n - values.length;
    sum += (double) others * rest;
    square += (double) others * rest * rest;
    double mean = sum / n;
    return new Moments(mean, square / n - mean * mean);
  }

  /**
   * The mean row and second moment of {@code rows} rows of f floats (row-major in y), each row
   * scaled by {@code scale[r]} (null for 1): {mean (f), second (f x f)}.
   */
  static double[][] ofRows(float[] y, int rows, int f, float[] scale) {
    double[] mean = new double[f];
    double[] second = new double[f * f];
    double[] row = new double[f];
    for (int r = 0; r < rows; r++) {
      double s = scale == null ? 1 : scale[r];
      for (int a = 0; a < f; a++) {
        row[a] = y[r * f + a] * s;
        mean[a] += row[a];
      }
      for (int a = 0; a < f; a++) {
        for (int b = a; b < f; b++) {
          second[a * f + b] += row[a] * row[b];
        }
      }
    }
    for (int a = 0; a < f; a++) {
      mean[a] /= Math.max(1, rows);
      for (int b = a; b < f; b++) {
        second[a * f + b] /= Math.max(1, rows);
        second[b * f + a] = second[a * f + b];
      }
    }
    return new double[][] {mean, second};
  }
}
