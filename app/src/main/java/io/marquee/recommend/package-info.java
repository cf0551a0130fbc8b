/**
 * Recommendations: models, the rules every list passes through, and the offline evaluation.
 *
 * <p>Entry points:
 *
 * <ul>
 *   <li>{@link io.marquee.recommend.Interactions} (the users x items feedback matrix, weighted by
 *       {@link io.marquee.recommend.Feedback}), {@link io.marquee.recommend.ItemFeatures} and
 *       {@link io.marquee.recommend.UserProfile}, bundled as a {@link
 *       io.marquee.recommend.Dataset} to train on;
 *   <li>{@link io.marquee.recommend.Recommender}, the model interface, and its implementations:
 *       {@link io.marquee.recommend.Popularity} (global and trending), {@link
 *       io.marquee.recommend.CellPopularity} (demographic cells), {@link
 *       io.marquee.recommend.ContentBased}, {@link io.marquee.recommend.Ease}, {@link
 *       io.marquee.recommend.ImplicitAls}, {@link io.marquee.recommend.Blend} and {@link
 *       io.marquee.recommend.Hybrid}; {@link io.marquee.recommend.Recommenders} creates them by
 *       name;
 *   <li>{@link io.marquee.recommend.Recommendations}, what serving calls: the {@link
 *       io.marquee.recommend.RecommendationRules} (watched titles, maturity, filters, diversity,
 *       explanations) around a model, and the consent fallback;
 *   <li>{@link io.marquee.recommend.EvaluateCommand}, {@code marquee evaluate}: the Microsoft
 *       Recommenders MovieLens protocol; its subcommand {@code for-title} ({@code
 *       ForTitleEvaluateCommand}, {@code ForTitleEvaluation}) measures the cold-start audience of a
 *       new title against who watched it;
 *   <li>serving: {@link io.marquee.recommend.StoreDataset} (the training set from the store),
 *       {@link io.marquee.recommend.TrainedModel} (one model set), {@link
 *       io.marquee.recommend.ModelStore} (model sets in {@code DATA_DIR/models}), {@link
 *       io.marquee.recommend.RecommendationService} (the served set, retraining, atomic swaps) and
 *       {@link io.marquee.recommend.RecommendationsApi} (the HTTP endpoints, with {@code
 *       TrainingApi}: retraining on request), wired by {@link io.marquee.recommend.RecommendCapability}.
 *       {@code marquee train} is {@code cli.TrainCommand}.
 *   <li>{@link io.marquee.recommend.Affinities}, the node service that scores one title for every
 *       user of the served set ({@link io.marquee.recommend.Affinity}, from {@code
 *       TrainedModel.affinity}; {@code ColdStart} for a title nobody watched yet: its content and its
 *       most similar titles' viewers), for audiences' {@code predicted_affinity}.
 * </ul>
 *
 * Models, protocol and measured results: {@code docs/recommendations.md}.
 */
package io.marquee.recommend;
