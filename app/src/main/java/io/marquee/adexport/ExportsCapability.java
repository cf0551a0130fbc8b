package io.marquee.adexport;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.marquee.access.Authorization;
import io.marquee.audiences.AudienceMembers;
import io.marquee.audiences.ExportConsent;
import io.marquee.audit.AuditLog;
import io.marquee.capability.Capability;
import io.marquee.capability.Services;
import io.marquee.config.Settings;
import io.marquee.privacy.ConsentRegistry;
import io.marquee.store.Store;
import io.marquee.vault.KeyVault;
import java.time.Clock;

/**
 * Audience exports for the ad platforms as a capability: {@code POST /v1/audiences/{id}/exports}
 * ({@link AudienceExportsApi}), reading members through the {@link AudienceMembers} service the
 * audiences capability offers before it in the list.
 */
public final class ExportsCapability implements Capability {
  /** The audiences capability's setting: whether data that leaves the platform needs an explicit opt-in. */
  static final String REQUIRE_OPT_IN = "audiences.export-requires-opt-in";

  @Override
  public String name() {
    return "exports";
  }

  @Override
  public java.util.List<io.marquee.store.Projection> projections(ObjectMapper json) {
    return java.util.List.of(new SealedTraitsProjection(json));
  }

  @Override
  public void routes(RoutesConfig routes, Services services) {
    KeyVault vault = services.find(KeyVault.class).orElse(null);
    new AudienceExportsApi(services.get(Authorization.class), services.find(AudienceMembers.class).orElse(null),
        export(services.get(Store.class), vault, services.get(ObjectMapper.class), consent(services),
            services.get(AuditLog.class), services.dataDir()),
        vault != null).register(routes);
  }

  /** The export engine over a node's parts; the CLI builds it the same way. */
  public static AudienceExport export(Store store, KeyVault vault, ObjectMapper json, ExportConsent consent,
      AuditLog audit, java.nio.file.Path dataDir) {
    return new AudienceExport(store, vault, json, consent, audit, dataDir, Clock.systemUTC());
  }

  /**
   * The export consent rule the audiences capability offers, or on a node without it the same rule
   * built from the node's consent registry and {@code audiences.export-requires-opt-in}.
   */
  public static ExportConsent consent(Services services) {
    return services.find(ExportConsent.class).orElseGet(() -> new ExportConsent(services.get(ConsentRegistry.class),
        services.get(Settings.class).bool(REQUIRE_OPT_IN)));
  }
}
