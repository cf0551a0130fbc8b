package io.marquee.recommend;

import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.marquee.access.Authorization;
import io.marquee.access.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Recommendations over HTTP, for an app's backend holding an API key of role {@code analyst} or
 * above ({@code Authorization: Bearer KEY}):
 *
 * <ul>
 *   <li>{@code GET /v1/users/{userId}/recommendations}: the user's list. Parameters: {@code n}
 *       (1..100, default 20), {@code media_type} ({@code video} or {@code audio}, default both),
 *       {@code genre} (a genre name, default all; an unknown genre gives an empty list).
 *   <li>{@code GET /v1/titles/{assetId}/similar}: titles similar to a title, for an anonymous
 *       viewer (no adult titles). Parameters: {@code n}, {@code media_type} (default: the title's
 *       own, so no music for a film unless asked), {@code genre} as above.
 * </ul>
 *
 * Both answer {@code {"user_id" | "asset_id": ..., "personalized": bool, "items": [{"asset_id",
 * "title", "kind", "score", "explanation", "reason"}]}}, best first ({@code title} is the asset id
 * when the catalog has no title, {@code kind} null when unknown; {@code GET /v1/titles/{assetId}}
 * gives the rest); {@code explanation} is a sentence for the
 * viewer, {@code reason} its kind ({@link Explanation}). {@code personalized} is false for a user
 * without {@code personalization} consent, a user the model does not know yet, and before the
 * first training; similar titles are never personal.
 *
 * <p>Registers {@link TrainingApi} too (retraining on request, admin keys).
 *
 * <p>Status codes: 200; 400 for {@code n} outside 1..100 or not a number, or an unknown {@code
 * media_type}; 401 without a valid key; 403 for a {@code write} key; 404 for an unknown title; 503
 * with {@code Retry-After: 5} while the first model loads.
 */
public final class RecommendationsApi {
  /** The list length when {@code n} is not given. */
  public static final int DEFAULT_N = 20;
  /** The longest list served. */
  public static final int MAX_N = 100;

  private final RecommendationService service;
  private final Authorization auth;
  private final java.util.function.UnaryOperator<String> userIds;

  public RecommendationsApi(RecommendationService service, Authorization auth) {
    this(service, auth, java.util.function.UnaryOperator.identity());
  }

  /**
   * With {@code userIds} mapping a user id from a route to the stored one (an e-mail address to its
   * pseudonym, {@code io.marquee.vault.Pseudonyms#userId}).
   */
  public RecommendationsApi(RecommendationService service, Authorization auth,
      java.util.function.UnaryOperator<String> userIds) {
    this.service = service;
    this.auth = auth;
    this.userIds = userIds;
  }

  public void register(RoutesConfig routes) {
    routes.get("/v1/users/{userId}/recommendations", this::forUser);
    routes.get("/v1/titles/{assetId}/similar", this::similar);
    new TrainingApi(service, auth).register(routes);
  }

  private void forUser(Context ctx) {
    auth.require(ctx, Role.ANALYST);
    RecommendationRules.Request request = request(ctx);
    String userId = userIds.apply(ctx.pathParam("userId"));
    try {
      RecommendationService.Response r = service.forUser(userId, request);
      respond(ctx, "user_id", userId, r.personalized(), r.items());
    } catch (RecommendationService.NotReady e) {
      notReady(ctx, e);
    }
  }

  private void similar(Context ctx) {
    auth.require(ctx, Role.ANALYST);
    RecommendationRules.Request request = request(ctx);
    String assetId = ctx.pathParam("assetId");
    try {
      List<Recommendation> items = service.similar(assetId, request)
          .orElseThrow(() -> new NotFoundResponse("unknown title " + assetId));
      respond(ctx, "asset_id", assetId, false, items);
    } catch (RecommendationService.NotReady e) {
      notReady(ctx, e);
    }
  }

  /** The request's parameters, or 400. */
  static RecommendationRules.Request request(Context ctx) {
    String nParam = ctx.queryParam("n");
    int n = DEFAULT_N;
    if (nParam != null) {
      try {
        n = Integer.parseInt(nParam.strip());
      } catch (NumberFormatException e) {
        n = -1;
      }
      if (n < 1 || n > MAX_N) {
        throw new BadRequestResponse("n must be a whole number from 1 to " + MAX_N);
      }
    }
    String mediaType = ctx.queryParam("media_type");
    if (mediaType != null) {
      mediaType = mediaType.strip().toLowerCase(Locale.ROOT);
      if (!mediaType.equals("video") && !mediaType.equals("audio")) {
        throw new BadRequestResponse("media_type must be video or audio");
      }
    }
    String genre = ctx.queryParam("genre");
    return new RecommendationRules.Request(n, mediaType,
        genre == null || genre.isBlank() ? null : genre.strip());
  }

  private static void respond(Context ctx, String key, String id, boolean personalized,
      List<Recommendation> items) {
    List<Map<String, Object>> out = new ArrayList<>(items.size());
    for (Recommendation r : items) {
      Map<String, Object> item = new LinkedHashMap<>(8);
      item.put("asset_id", r.assetId());
      item.put("title", r.title());
      item.put("kind", r.kind());
      item.put("score", r.score());
      item.put("explanation", r.explanation().text());
      item.put("reason", r.explanation().kind());
      out.add(item);
    }
    Map<String, Object> body = new LinkedHashMap<>(4);
    body.put(key, id);
    body.put("personalized", personalized);
    body.put("items", out);
    ctx.json(body);
  }

  private static void notReady(Context ctx, RuntimeException e) {
    ctx.status(503).header("Retry-After", "5").json(Map.of("error", e.getMessage()));
  }
}
