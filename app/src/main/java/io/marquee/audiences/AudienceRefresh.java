package io.marquee.audiences;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The schedule that keeps membership current: every audience recomputed every {@code minutes}
 * (setting {@code audiences.refresh-minutes}, at most 60) on one daemon thread. Creation computes at
 * once; consent withdrawals and erasures need no recomputation (read-time filter, erasure transaction).
 */
final class AudienceRefresh implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(AudienceRefresh.class.getName());
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "audience-refresh");
    t.setDaemon(true);
    return t;
  });

  AudienceRefresh(Audiences audiences, int minutes) {
    scheduler.scheduleWithFixedDelay(() -> {
      try {
        audiences.computeAll();
      } catch (Exception e) {
        LOG.log(Level.WARNING, "audience refresh failed: " + e.getMessage());
      }
    }, minutes, minutes, TimeUnit.MINUTES);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
