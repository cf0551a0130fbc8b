package io.marquee.releases;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.marquee.access.Authorization;
import io.marquee.audiences.AudienceMembers;
import io.marquee.audit.AuditLog;
import io.marquee.capability.Capability;
import io.marquee.capability.Services;
import io.marquee.config.Settings;
import io.marquee.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Aggregates shared outside as a capability: {@code POST /v1/releases} ({@link ReleasesApi}), noisy
 * figures of a title or an audience under a persistent privacy budget per subject
 * ({@code docs/privacy.md}). The noise draws from {@link SecureRandom}.
 */
public final class ReleasesCapability implements Capability {
  @Override
  public String name() {
    return "releases";
  }

  @Override
  public void routes(RoutesConfig routes, Services services) {
    Settings settings = services.get(Settings.class);
    BudgetLedger ledger;
    try {
      ledger = openLedger(services.dataDir(), settings, services.get(ObjectMapper.class));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the releases' budget ledger", e);
    }
    services.onStop(() -> {
      try {
        ledger.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    Releaser releaser = releaser(services.get(Store.class), ledger, new ExactNoise(new SecureRandom()),
        services.get(AuditLog.class), () -> services.find(AudienceMembers.class), settings);
    new ReleasesApi(releaser, services.get(Authorization.class), services.get(ObjectMapper.class), Clock.systemUTC())
        .register(routes);
  }

  /** The ledger of a data dir with the budget {@code releases.budget-epsilon}. */
  public static BudgetLedger openLedger(Path dataDir, Settings settings, ObjectMapper json) throws IOException {
    Rational budget;
    try {
      budget = Rational.parse(settings.string("releases.budget-epsilon"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("releases.budget-epsilon: " + e.getMessage(), e);
    }
    if (budget.isZero()) {
      throw new IllegalArgumentException("releases.budget-epsilon must be more than 0");
    }
    return BudgetLedger.open(dataDir, budget, json, Clock.systemUTC());
  }

  /** A releaser with the contribution bounds of {@code settings}. */
  public static Releaser releaser(Store store, BudgetLedger ledger, ExactNoise noise, AuditLog audit,
      Supplier<Optional<AudienceMembers>> audiences, Settings settings) {
    return new Releaser(store, ledger, noise, audit, audiences, settings.intValue("releases.max-views-per-user"),
        settings.intValue("releases.max-hours-per-user"));
  }
}
