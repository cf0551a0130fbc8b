package io.marquee.catalog;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.marquee.access.Authorization;
import io.marquee.access.Role;
import io.marquee.core.Title;
import io.marquee.store.Store;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The title lookup, {@code GET /v1/titles/{assetId}}, for an app's backend holding an API key of
 * role {@code analyst} or above ({@code Authorization: Bearer KEY}): what the catalog knows about
 * one asset id, to show the ids a recommendation list returns.
 *
 * <p>Answers {@code {"asset_id", "title", "kind", "series", "series_id", "season", "episode",
 * "genres", "maturity_rating", "runtime_s", "media_type", "release_year", "artist"}}; every key is
 * present, null when unknown ({@code genres} is then empty). {@code series_id} is, for an episode,
 * the asset id of its series' own row; {@code artist} is a track's performer.
 *
 * <p>Status codes: 200; 401 without a valid key; 403 for a {@code write} key; 404 naming an asset
 * id the catalog does not hold.
 */
public final class TitleApi {
  private final Store store;
  private final Authorization auth;

  public TitleApi(Store store, Authorization auth) {
    this.store = store;
    this.auth = auth;
  }

  public void register(RoutesConfig routes) {
    routes.get("/v1/titles/{assetId}", this::lookup);
  }

  private void lookup(Context ctx) {
    auth.require(ctx, Role.ANALYST);
    String assetId = ctx.pathParam("assetId");
    Title t = store.title(assetId)
        .orElseThrow(() -> new NotFoundResponse("no title with asset id '" + assetId + "' in the catalog"));
    ctx.json(json(t));
  }

  /** The title as the lookup answers it. */
  static Map<String, Object> json(Title t) {
    Map<String, Object> out = new LinkedHashMap<>(16);
    out.put("asset_id", t.assetId());
    out.put("title", t.title());
    out.put("kind", t.kind());
    out.put("series", t.series());
    out.put("series_id", t.seriesId());
    out.put("season", t.season());
    out.put("episode", t.episode());
    out.put("genres", t.genres());
    out.put("maturity_rating", t.maturityRating());
    out.put("runtime_s", t.runtimeSeconds());
    out.put("media_type", t.mediaType());
    out.put("release_year", t.releaseYear());
    out.put("artist", t.artist());
    return out;
  }
}
