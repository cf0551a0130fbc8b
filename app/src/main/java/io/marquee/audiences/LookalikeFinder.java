package io.marquee.audiences;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.marquee.insights.SmallCells;
import io.marquee.recommend.TrainedModel;
import io.marquee.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The lookalikes of a node: reads the seed's current members and the country's eligible users with
 * their demographics (one query each, no query per user), their taste from the served model's iALS
 * user factors ({@link TrainedModel#userFactors}), and keeps the best {@code floor(share x N)} of the
 * country's eligible non-members by {@link LookalikeScorer}, N being the country's eligible users.
 *
 * <p>Who is eligible is the audiences' one rule ({@link Audiences#evaluate} of {@code {"country": C}},
 * so consent, suppression and erasure apply as to every audience); the seed's members are its stored
 * membership as {@link Audiences#current} reads it (consent applied at read time).
 */
final class LookalikeFinder implements Lookalikes {
  /** The interests joined by a character no interest holds (read as one string: cheaper than a JDBC array). */
  private static final String COLUMNS =
      "SELECT p.user_id, p.age_bracket, p.gender, array_to_string(p.interests, chr(1)) FROM profiles p ";
  private static final String SEPARATOR = "\u0001";

  private final Audiences audiences;
  private final Store store;
  private final Supplier<Optional<TrainedModel>> models;
  private final LookalikeScorer.Weights weights;
  private final ThreadLocal<LookalikeSelection> pinned = new ThreadLocal<>();

  /**
   * {@code models}: the model set being served, empty when none; null on a node without a recommender.
   * {@code weights}: the scorer's (setting {@code audiences.lookalike-taste-weight}).
   */
  LookalikeFinder(Audiences audiences, Store store, Supplier<Optional<TrainedModel>> models,
      LookalikeScorer.Weights weights) {
    this.audiences = audiences;
    this.store = store;
    this.models = models;
    this.weights = weights;
  }

  LookalikeScorer.Weights weights() {
    return weights;
  }

  /**
   * Runs {@code action} (an audience's creation) with {@code selection} standing for its own key: the
   * compilations inside it on this thread read it instead of computing it again, so the membership
   * saved is the one the answer describes.
   */
  <T> T reusing(LookalikeSelection selection, java.util.concurrent.Callable<T> action) throws Exception {
    LookalikeSelection before = pinned.get();
    pinned.set(selection);
    try {
      return action.call();
    } finally {
      if (before == null) {
        pinned.remove();
      } else {
        pinned.set(before);
      }
    }
  }

  @Override
  public LookalikeSelection select(String seed, String country, double share) {
    LookalikeSelection p = pinned.get();
    if (p != null && p.seed().equals(seed) && p.country().equals(country) && p.share() == share) {
      return p;
    }
    try {
      return compute(seed, country, share);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the lookalike of " + seed + ": " + e.getMessage(), e);
    }
  }

  /** The model set whose factors are compared; refused when none is served or it is popularity only. */
  TrainedModel model() {
    if (models == null) {
      throw new Refused(Problem.NO_MODEL, "no recommender runs on this node to compare tastes");
    }
    TrainedModel model = models.get().orElseThrow(() -> new Refused(Problem.NO_MODEL,
        "no recommendation model is loaded yet: the first one is loading or training"));
    if (!model.personal()) {
      throw new Refused(Problem.NO_MODEL, "no recommendation model is trained yet (POST /v1/admin/recommendations/train): "
          + "a lookalike compares the users' factors");
    }
    return model;
  }

  private LookalikeSelection compute(String seed, String country, double share) throws SQLException {
    if (audiences.find(seed).isEmpty()) {
      throw new Refused(Problem.UNKNOWN_SEED, "no audience '" + seed + "'");
    }
    Set<String> seedIds = new HashSet<>();
    audiences.current(seed).forEach(m -> seedIds.add(m.userId()));
    if (seedIds.size() < MIN_SEED) {
      throw new Refused(Problem.SMALL_SEED, "the seed audience '" + seed + "' has " + SmallCells.count(seedIds.size())
          + " members; a lookalike needs a seed of at least " + MIN_SEED);
    }
    TrainedModel model = model();
    Set<String> eligible = new HashSet<>();
    audiences.evaluate(audiences.compile(JsonNodeFactory.instance.objectNode().put("country", country), null))
        .forEach(m -> eligible.add(m.userId()));
    List<LookalikeScorer.Person> members = people(COLUMNS
        + "WHERE p.user_id IN (SELECT user_id FROM audience_members WHERE audience_id = ?)", seed, seedIds, null, model);
    List<LookalikeScorer.Person> candidates = people(COLUMNS + "WHERE p.country = ?", country, eligible, seedIds, model);
    LookalikeScorer scorer = LookalikeScorer.of(members, weights);
    double seedMean = members.stream().mapToDouble(scorer::score).average().orElse(Double.NaN);
    List<LookalikeScorer.Scored> top = scorer.top(candidates, LookalikeSelection.quota(share, eligible.size()));
    return new LookalikeSelection(seed, country, share, eligible.size(), top, seedMean, model.trainedAt());
  }

  /** The profiles {@code sql} selects (one bound {@code value}) among {@code keep}, less {@code drop}. */
  private List<LookalikeScorer.Person> people(String sql, String value, Set<String> keep, Set<String> drop,
      TrainedModel model) throws SQLException {
    List<LookalikeScorer.Person> out = new ArrayList<>();
    try (Connection c = store.readConnection(); PreparedStatement p = c.prepareStatement(sql)) {
      p.setString(1, value);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          String user = r.getString(1);
          if (!keep.contains(user) || drop != null && drop.contains(user)) {
            continue;
          }
          String joined = r.getString(4);
          List<String> interests = joined == null || joined.isEmpty() ? List.of() : List.of(joined.split(SEPARATOR));
          out.add(new LookalikeScorer.Person(user, r.getString(2), r.getString(3), interests, model.userFactors(user)));
        }
      }
    }
    return out;
  }
}
