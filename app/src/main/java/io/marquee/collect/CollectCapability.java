package io.marquee.collect;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.marquee.capability.Capability;
import io.marquee.capability.Services;
import io.marquee.capability.Stoppable;
import io.marquee.config.Settings;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collection as a capability: the Segment-compatible Tracking API ({@link TrackingApi}) over the
 * node's {@link Collector} and {@link WriteKeys}, drained before the server stops.
 */
public final class CollectCapability implements Capability {
  private static final Logger LOG = LoggerFactory.getLogger(CollectCapability.class);

  @Override
  public String name() {
    return "collect";
  }

  @Override
  public void routes(RoutesConfig routes, Services services) {
    TrackingApi tracking = new TrackingApi(services.get(Collector.class), services.get(WriteKeys.class),
        services.get(ObjectMapper.class), services.get(Settings.class));
    services.onStop(new Stoppable() {
      @Override
      public boolean drain(Duration timeout) throws InterruptedException {
        boolean drained = tracking.drain(timeout);
        if (!drained) {
          LOG.warn("{} requests still in flight after {}; stopping anyway", tracking.inFlight(), timeout);
        }
        return drained;
      }

      @Override
      public void close() {
        tracking.close();
      }
    });
    tracking.register(routes);
  }
}
