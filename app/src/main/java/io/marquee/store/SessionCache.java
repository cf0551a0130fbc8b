package io.marquee.store;

import java.util.LinkedHashMap;
import java.util.Map;

/** The sessionizers of recently active playback sessions, least recently used evicted first. */
final class SessionCache {
  private final LinkedHashMap<String, SessionState> sessions;

  SessionCache(int capacity) {
    this.sessions = new LinkedHashMap<>(1024, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, SessionState> eldest) {
        return size() > capacity;
      }
    };
  }

  SessionState get(String sessionId) {
    return sessions.get(sessionId);
  }

  void put(String sessionId, SessionState s) {
    sessions.put(sessionId, s);
  }

  void clear() {
    sessions.clear();
  }

  int size() {
    return sessions.size();
  }
}
