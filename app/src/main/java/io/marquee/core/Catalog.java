package io.marquee.core;

import java.util.Collection;

/** The title catalog: imports write it, playback events fill gaps in it. */
public interface Catalog {

  /** Inserts or replaces the given titles; fields given here win over what events reported. */
  void upsert(Collection<Title> titles);

  /** How many titles the catalog holds. */
  long size();
}
