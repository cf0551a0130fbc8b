package io.marquee.recommend;

/**
 * Standardisation of a model's scores before they are blended: each part is shifted to mean 0 and
 * scaled to unit variance, then added with its weight, so that parts on different scales (EASE's
 * regression scores, ALS dot products, content similarities) weigh what their weights say.
 */
final class Standardisation {
  private Standardisation() {}

  /** out += weight * (v - mean(v)) / std(v) over all of v; a constant v adds nothing. */
  static void add(float[] v, float weight, float[] out) {
    add(v, Candidates.all(v.length), null, weight, out);
  }

  /**
   * out += weight * (v - mean) / std for the candidates' positions. The mean and standard deviation
   * are those of all of v for the whole catalog; else the part's exact {@code moments} when it gave
   * them, else estimated on the candidates' sample positions. A constant part adds nothing.
   */
  static void add(float[] v, Candidates candidates, Moments moments, float weight,
      float[] out) {
    double mean;
    double var;
    if (moments != null && !candidates.isAll()) {
      mean = moments.mean();
      var = moments.variance();
    } else {
      double sum = 0;
      double sumSq = 0;
      int n = candidates.sampleSize();
      for (int k = 0; k < n; k++) {
        float x = v[candidates.samplePosition(k)];
        sum += x;
        sumSq += (double) x * x;
      }
      mean = sum / n;
      var = sumSq / n - mean * mean;
    }
    if (!(var > 1e-12)) {
      return;
    }
    float scale = (float) (weight / Math.sqrt(var));
    float shift = (float) mean;
    for (int i = 0; i < candidates.size(); i++) {
      out[i] += (v[i] - shift) * scale;
    }
  }
}
