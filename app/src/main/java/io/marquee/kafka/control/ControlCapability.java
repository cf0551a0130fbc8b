package io.marquee.kafka.control;

import io.javalin.config.RoutesConfig;
import io.marquee.access.ApiKeys;
import io.marquee.capability.Capability;
import io.marquee.capability.Services;
import io.marquee.capability.Stoppable;
import io.marquee.collect.WriteKeys;
import io.marquee.config.Settings;
import io.marquee.privacy.ConsentRegistry;
import io.marquee.privacy.Suppressions;
import io.marquee.vault.KeyVault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * The control plane as a capability of the node that owns a data dir: when {@code kafka.bootstrap}
 * is set and {@code kafka.control.owner} is true, the node publishes its keys, write keys,
 * suppressions and vault to the control topic before its port opens and keeps them current there
 * ({@link OwnerLink}); collectors follow it ({@link CollectorState}). It serves no routes.
 */
public final class ControlCapability implements Capability {
  @Override
  public String name() {
    return "control";
  }

  @Override
  public void routes(RoutesConfig routes, Services services) {
    Settings settings = services.get(Settings.class);
    String bootstrap = settings.string("kafka.bootstrap");
    if (bootstrap.isBlank() || !settings.bool("kafka.control.owner")) {
      return;
    }
    OwnerLink link;
    try {
      link = OwnerLink.start(bootstrap, settings.string("kafka.control.topic"),
          Duration.ofSeconds(settings.longValue("kafka.control.start-timeout-seconds")),
          services.get(ApiKeys.class), services.get(WriteKeys.class), services.get(Suppressions.class),
          services.get(ConsentRegistry.class), services.find(KeyVault.class).orElse(null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    services.onStop(new Stoppable() {
      @Override
      public boolean drain(Duration timeout) {
        return true;
      }

      @Override
      public void close() {
        link.close();
      }
    });
  }
}
