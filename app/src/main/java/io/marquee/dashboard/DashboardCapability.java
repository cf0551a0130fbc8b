package io.marquee.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.marquee.access.ApiKeys;
import io.marquee.access.Authorization;
import io.marquee.capability.Capability;
import io.marquee.capability.Services;

/**
 * The dashboard as a capability: the sign-in session routes and the pages. It offers {@link
 * DashboardPages} as a service, which the server's {@code GET /} answers browsers with (clients
 * asking for JSON still get the node's JSON index there).
 */
public final class DashboardCapability implements Capability {
  @Override
  public String name() {
    return "dashboard";
  }

  @Override
  public void routes(RoutesConfig routes, Services services) {
    Authorization auth = services.get(Authorization.class);
    new SessionApi(auth, services.get(ApiKeys.class), services.get(ObjectMapper.class)).register(routes);
    DashboardPages pages = new DashboardPages();
    pages.register(routes);
    services.offer(DashboardPages.class, pages);
  }
}
