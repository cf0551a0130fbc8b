package io.marquee.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.marquee.access.Authorization;
import io.marquee.capability.Capability;
import io.marquee.capability.Services;
import io.marquee.config.Settings;
import io.marquee.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;

/** SQL over a running node as a capability: {@link SqlApi} ({@code POST /v1/sql}, admin keys). */
public final class QueryCapability implements Capability {
  @Override
  public String name() {
    return "query";
  }

  @Override
  public void routes(RoutesConfig routes, Services services) {
    try {
      SqlApi.on(services.get(Store.class), services.get(Authorization.class), services.get(ObjectMapper.class),
          services.get(Settings.class)).register(routes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock the store down for queries", e);
    }
  }
}
