package io.marquee.recommend;

import java.util.List;
import java.util.function.Function;

/**
 * The lists the serving layer hands out, from one trained model and the {@link
 * RecommendationRules}: a personal list for a user who consented to personalization; for one who
 * did not, a non-personal list, flagged as such, that uses nothing about them (not their history,
 * not their declared age, so it is family-safe); and titles similar to a title.
 *
 * <p>Thread-safe once its models are fitted; a retrained model means a new instance.
 */
public final class Recommendations {

  /** A list, and whether it was personalised. */
  public record Result(List<Recommendation> items, boolean personalized) {}

  private final Recommender personal;
  private final Recommender nonPersonal;
  private final ItemFeatures items;
  private final RecommendationRules rules;
  private final Retrieval retrieval;

  /**
   * Scores the whole catalog for every request.
   *
   * @param personal the model for users who consented, e.g. {@link Hybrid}
   * @param nonPersonal the model for the others, e.g. {@link Popularity#trending}; it is asked to
   *     score a user it knows nothing about
   */
  public Recommendations(Recommender personal, Recommender nonPersonal, ItemFeatures items,
      RecommendationRules.Settings settings) {
    this(personal, nonPersonal, items, settings,
        new Retrieval(items, new float[items.size()], Retrieval.Settings.exact()));
  }

  /** With {@code retrieval} choosing the items each request scores. */
  public Recommendations(Recommender personal, Recommender nonPersonal, ItemFeatures items,
      RecommendationRules.Settings settings, Retrieval retrieval) {
    this.personal = personal;
    this.nonPersonal = nonPersonal;
    this.items = items;
    this.rules = new RecommendationRules(items, settings);
    this.retrieval = retrieval;
  }

  /** The list for a user, personal only with {@code personalizationConsent}. */
  public Result forUser(UserContext user, boolean personalizationConsent,
      RecommendationRules.Request request) {
    if (!personalizationConsent) {
      UserContext anonymous = UserContext.newUser(UserProfile.UNKNOWN);
      return new Result(list(nonPersonal, anonymous, request), false);
    }
    return new Result(list(personal, user, request), true);
  }

  /** How many items a personal list for {@code user} scores (the catalog's size without retrieval). */
  public int candidateCount(UserContext user, RecommendationRules.Request request) {
    return retrieval.forUser(personal, user, request).size();
  }

  private List<Recommendation> list(Recommender model, UserContext user,
      RecommendationRules.Request request) {
    return withFallback(request, retrieval.forUser(model, user, request),
        c -> pick(model, user, request, c));
  }

  /**
   * The list from the candidates, or from the whole catalog when the rules left the candidates
   * short (a narrow filter, a minor among many adult titles).
   */
  private List<Recommendation> withFallback(RecommendationRules.Request request,
      Candidates candidates, Function<Candidates, List<Recommendation>> pick) {
    List<Recommendation> list = pick.apply(candidates);
    if (list.size() < request.n() && !candidates.isAll()) {
      list = pick.apply(Candidates.all(items.size()));
    }
    return list;
  }

  private List<Recommendation> pick(Recommender model, UserContext user,
      RecommendationRules.Request request, Candidates candidates) {
    float[] scores = new float[candidates.size()];
    model.score(user, candidates, scores);
    return rules.apply(candidates, scores, request, i -> rules.eligible(i, user, request),
        i -> model.explain(user, i));
  }

  /**
   * Titles similar to {@code item}, for {@code viewer} (pass {@link UserContext#newUser} with
   * {@link UserProfile#UNKNOWN} for an anonymous one): the rules apply as for any list, and the
   * item itself is left out. Without a media type in the request, only titles of the item's own
   * media type are similar (no music for a film unless asked).
   */
  public List<Recommendation> similarTo(int item, UserContext viewer,
      RecommendationRules.Request asked) {
    RecommendationRules.Request request = asked.mediaType() != null ? asked
        : new RecommendationRules.Request(asked.n(), items.isAudio(item) ? "audio" : "video", asked.genre());
    Explanation because = new Explanation("similar", "similar to " + items.title(item), item);
    return withFallback(request, retrieval.similarTo(personal, item, request),
        c -> similarFrom(item, viewer, request, c, because));
  }

  private List<Recommendation> similarFrom(int item, UserContext viewer,
      RecommendationRules.Request request, Candidates candidates, Explanation because) {
    float[] scores = new float[candidates.size()];
    personal.similar(item, candidates, scores);
    return rules.apply(candidates, scores, request,
        i -> i != item && rules.eligible(i, viewer, request), i -> because);
  }
}
