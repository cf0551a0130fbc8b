package io.marquee.audiences;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.marquee.access.Authorization;
import io.marquee.capability.Capability;
import io.marquee.capability.Services;
import io.marquee.config.Settings;
import io.marquee.insights.TitleResonance;
import io.marquee.privacy.ConsentRegistry;
import io.marquee.privacy.Suppressions;
import io.marquee.store.Projection;
import io.marquee.recommend.Affinities;
import io.marquee.recommend.RecommendationService;
import io.marquee.store.Store;
import java.time.Clock;
import java.util.List;

/**
 * Audiences as a capability: the routes under {@code /v1/audiences} (role {@code marketer};
 * {@link AudiencesApi}; lookalikes, {@link LookalikeApi}), their tables ({@link AudiencesProjection}),
 * membership recomputed every {@code audiences.refresh-minutes} ({@link AudienceRefresh}), and two services for the capabilities
 * after it: {@link AudienceMembers} and {@link ExportConsent}.
 */
public final class AudiencesCapability implements Capability {
  /** The consent category every member must not have withdrawn. */
  static final String CATEGORY = "marketing";

  @Override
  public String name() {
    return "audiences";
  }

  @Override
  public List<Projection> projections(ObjectMapper json) {
    return List.of(new AudiencesProjection());
  }

  /** The lookalikes' weight of taste against demographics, setting {@code audiences.lookalike-taste-weight} (0..1). */
  private static LookalikeScorer.Weights lookalikeWeights(Settings settings) {
    String key = "audiences.lookalike-taste-weight";
    try {
      return LookalikeScorer.Weights.of(Double.parseDouble(settings.string(key)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + " must be a number from 0 to 1, not '" + settings.string(key) + "'", e);
    }
  }

  @Override
  public void routes(RoutesConfig routes, Services services) {
    Settings settings = services.get(Settings.class);
    int minutes = settings.intValue("audiences.refresh-minutes");
    if (minutes < 1 || minutes > 60) {
      throw new IllegalArgumentException("audiences.refresh-minutes must be 1..60 (membership is never older than an hour), not "
          + minutes);
    }
    ConsentRegistry consent = services.get(ConsentRegistry.class);
    Suppressions suppressions = services.get(Suppressions.class);
    Affinities affinities = services.find(Affinities.class).orElse(null);
    Audiences audiences = new Audiences(services.get(Store.class), services.get(ObjectMapper.class), Clock.systemUTC(),
        new Eligibility(consent, suppressions), affinities);
    RecommendationService recommender = services.find(RecommendationService.class).orElse(null);
    LookalikeFinder lookalikes = new LookalikeFinder(audiences, services.get(Store.class),
        recommender == null ? null : recommender::current, lookalikeWeights(settings));
    audiences.lookalikes(lookalikes);
    services.offer(AudienceMembers.class, audiences);
    services.offer(ExportConsent.class, new ExportConsent(consent, settings.bool("audiences.export-requires-opt-in")));
    AudienceRefresh refresh = new AudienceRefresh(audiences, minutes);
    services.onStop(refresh::close);
    new AudiencesApi(audiences, services.get(Authorization.class), services.get(ObjectMapper.class), minutes)
        .register(routes);
    new LookalikeApi(audiences, lookalikes, services.get(Authorization.class), services.get(ObjectMapper.class), minutes)
        .register(routes);
    new ForTitle(audiences, affinities, services.get(Store.class), services.get(Authorization.class),
        services.get(ObjectMapper.class), services.find(RecommendationService.class).orElse(null),
        services.find(TitleResonance.class).orElse(null)).register(routes);
  }
}
