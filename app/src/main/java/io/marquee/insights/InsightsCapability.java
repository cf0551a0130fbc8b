package io.marquee.insights;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.marquee.access.Authorization;
import io.marquee.capability.Capability;
import io.marquee.capability.Erasures;
import io.marquee.capability.Services;
import io.marquee.log.EventLog;
import io.marquee.store.Projection;
import io.marquee.store.Store;
import io.marquee.store.StoreLoader;
import io.marquee.config.Settings;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Content insights as a capability: the reports under {@code /v1/insights} (role {@code analyst}
 * or above; definitions in {@code docs/insights.md}) and the table they need beyond the store's own
 * ({@link InsightsProjection}).
 */
public final class InsightsCapability implements Capability {
  @Override
  public String name() {
    return "insights";
  }

  @Override
  public List<Projection> projections(ObjectMapper json) {
    return List.of(new InsightsProjection(json, Clock.systemUTC()));
  }

  @Override
  public void routes(RoutesConfig routes, Services services) {
    StoreLoader loader = services.get(StoreLoader.class);
    InsightsProjection projection = loader.projections().stream()
        .filter(InsightsProjection.class::isInstance).map(InsightsProjection.class::cast).findFirst()
        .orElseThrow(() -> new IllegalStateException("the store loader runs without the insights projection"));
    EventLog log = services.get(EventLog.class);
    ReportViews reportViews = projection.reportViews();
    reportViews.start(services.get(Store.class),
        Duration.ofSeconds(services.get(Settings.class).intValue("insights.refresh-seconds")), loader::appliedPosition);
    services.onStop(reportViews::close);
    Insights insights = new Insights(services.get(Store.class), services.get(Authorization.class),
        services.get(ObjectMapper.class), Clock.systemUTC(), projection::lastApplied,
        () -> log.durablePosition() - loader.appliedPosition(), reportViews, services.get(Erasures.class)::subscribe);
    // one line per report family
    services.offer(TitleResonance.class, new TitleReports(insights).register(routes));
    new GenreReport(insights).register(routes);
    new OverviewReport(insights).register(routes);
    new MusicReport(insights).register(routes);
  }
}
