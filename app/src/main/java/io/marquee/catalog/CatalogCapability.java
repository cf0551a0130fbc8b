package io.marquee.catalog;

import io.javalin.config.RoutesConfig;
import io.marquee.access.Authorization;
import io.marquee.capability.Capability;
import io.marquee.capability.Services;
import io.marquee.store.Store;

/** The catalog as a capability: the title lookup ({@link TitleApi}, {@code GET /v1/titles/{assetId}}). */
public final class CatalogCapability implements Capability {
  @Override
  public String name() {
    return "catalog";
  }

  @Override
  public void routes(RoutesConfig routes, Services services) {
    new TitleApi(services.get(Store.class), services.get(Authorization.class)).register(routes);
  }
}
