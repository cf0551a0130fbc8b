package io.marquee.capability;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The node's erasure announcements: the privacy capability {@link #announce}s each user erased from
 * the store, and any capability holding data derived from users (trained models, audiences)
 * {@link #subscribe}s to forget them, without either knowing the other.
 */
public final class Erasures {
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  /** Runs {@code action} after every erasure, on the thread that erased. */
  public void subscribe(Runnable action) {
    listeners.add(action);
  }

  /** Tells every subscriber that a user was erased from the store. */
  public void announce() {
    for (Runnable listener : listeners) {
      listener.run();
    }
  }
}
