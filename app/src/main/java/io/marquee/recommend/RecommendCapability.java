package io.marquee.recommend;

import io.javalin.config.RoutesConfig;
import io.marquee.access.Authorization;
import io.marquee.capability.Capability;
import io.marquee.capability.Erasures;
import io.marquee.capability.Services;
import io.marquee.config.Settings;
import io.marquee.privacy.ConsentRegistry;
import io.marquee.store.Store;
import io.marquee.store.StoreLoader;
import io.marquee.vault.KeyVault;
import io.marquee.vault.Pseudonyms;
import io.marquee.store.StoreException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recommendations as a capability: a {@link RecommendationService} on the node's store and data
 * dir (offered to later capabilities and to the server as a service), its routes ({@link
 * RecommendationsApi}, {@link TrainingApi}), the {@link Affinities}
 * of titles for audiences and the {@code marquee evaluate} command. The service
 * hears of every playback from the loader and retrains, forgetting, after every erasure.
 */
public final class RecommendCapability implements Capability {
  @Override
  public String name() {
    return "recommend";
  }

  @Override
  public void routes(RoutesConfig routes, Services services) {
    RecommendationService service = service(services);
    services.onStop(service::close);
    services.offer(RecommendationService.class, service);
    Store store = services.get(Store.class);
    services.offer(Affinities.class, Affinities.serving(service, store::title, () -> releaseYears(store)));
    services.get(Erasures.class).subscribe(service::retrainForgetting);
    services.get(StoreLoader.class).onPlayback(service::played);
    KeyVault vault = services.find(KeyVault.class).orElse(null);
    new RecommendationsApi(service, services.get(Authorization.class), id -> Pseudonyms.userId(vault, id))
        .register(routes);
  }

  /**
   * The recommendation service on the node's store and data dir: the published model set (or,
   * without one, popularity then a first training) loads in the background, never delaying the
   * start; retrained every {@code recommend.retrain-minutes} (0: never).
   */
  private static RecommendationService service(Services services) {
    Store store = services.get(Store.class);
    ConsentRegistry consent = services.get(ConsentRegistry.class);
    RecommendationService service = new RecommendationService(
        () -> {
          try (Connection c = store.readConnection()) {
            return StoreDataset.load(c);
          }
        },
        new ModelStore(services.dataDir()),
        userId -> consent.allows(userId, "personalization"));
    service.start();
    long minutes = services.get(Settings.class).longValue("recommend.retrain-minutes");
    if (minutes > 0) {
      service.retrainEvery(Duration.ofMinutes(minutes));
    }
    return service;
  }

  /** Every catalog title's release year, by asset id: what {@link ColdStart} weighs similarity by. */
  private static Map<String, Integer> releaseYears(Store store) {
    Map<String, Integer> years = new HashMap<>();
    try (Connection c = store.readConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT asset_id, release_year FROM titles WHERE release_year IS NOT NULL")) {
      while (r.next()) {
        years.put(r.getString(1), r.getInt(2));
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read the titles' release years: " + e.getMessage(), e);
    }
    return years;
  }

  @Override
  public List<Class<?>> commands() {
    return List.of(EvaluateCommand.class);
  }
}
