package io.marquee.server;

import io.marquee.access.AccessCapability;
import io.marquee.audiences.AudiencesCapability;
import io.marquee.adexport.ExportsCapability;
import io.marquee.capability.Capability;
import io.marquee.catalog.CatalogCapability;
import io.marquee.collect.CollectCapability;
import io.marquee.dashboard.DashboardCapability;
import io.marquee.insights.InsightsCapability;
import io.marquee.kafka.control.ControlCapability;
import io.marquee.privacy.PrivacyCapability;
import io.marquee.query.QueryCapability;
import io.marquee.recommend.RecommendCapability;
import io.marquee.releases.ReleasesCapability;
import java.util.List;

/**
 * The one list of the platform's capabilities: every HTTP server registers their routes in this
 * order and {@code marquee} adds their commands. A new capability (insights, audiences) is one line
 * here and a {@link Capability} in its own package.
 */
public final class Capabilities {
  private Capabilities() {}

  /** Every capability, in registration order (a capability may use services offered before it). */
  public static List<Capability> all() {
    return List.of(
        new CollectCapability(),
        new PrivacyCapability(),
        new RecommendCapability(),
        new CatalogCapability(),
        new QueryCapability(),
        new InsightsCapability(),
        new AudiencesCapability(),
        new ExportsCapability(),
        new ReleasesCapability(),
        new DashboardCapability(),
        new AccessCapability(),
        new ControlCapability());
  }
}
