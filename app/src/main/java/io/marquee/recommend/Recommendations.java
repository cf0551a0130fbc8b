package io.marquee.recommend;

import java.util.List;

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

  /**
   * @param personal the model for users who consented, e.g. {@link Hybrid}
   * @param nonPersonal the model for the others, e.g. {@link Popularity#trending}; it is asked to
   *     score a user it knows nothing about
   */
  public Recommendations(Recommender personal, Recommender nonPersonal, ItemFeatures items,
      RecommendationRules.Settings settings) {
    this.personal = personal;
    this.nonPersonal = nonPersonal;
    this.items = items;
    this.rules = new RecommendationRules(items, settings);
  }

  /** The list for a user, personal only with {@code personalizationConsent}. */
  public Result forUser(UserContext user, boolean personalizationConsent,
      RecommendationRules.Request request) {
    float[] scores = new float[items.size()];
    if (!personalizationConsent) {
      UserContext anonymous = UserContext.newUser(UserProfile.UNKNOWN);
      nonPersonal.score(anonymous, scores);
      return new Result(
          rules.apply(scores, anonymous, request, i -> nonPersonal.explain(anonymous, i)), false);
    }
    personal.score(user, scores);
    return new Result(rules.apply(scores, user, request, i -> personal.explain(user, i)), true);
  }

  /**
   * Titles similar to {@code item}, for {@code viewer} (pass {@link UserContext#newUser} with
   * {@link UserProfile#UNKNOWN} for an anonymous one): the rules apply as for any list, and the
   * item itself is left out.
   */
  public List<Recommendation> similarTo(int item, UserContext viewer,
      RecommendationRules.Request request) {
    float[] scores = new float[items.size()];
    personal.similar(item, scores);
    Explanation because = new Explanation("similar", "similar to " + items.title(item), item);
    return rules.apply(scores, request,
        i -> i != item && rules.eligible(i, viewer, request), i -> because);
  }
}
