package io.playstream.services.playback;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;

/**
 * Open sessions in memory (Caffeine): a session idle longer than the timeout, or the oldest ones
 * beyond the size bound, are forgotten, and later calls for them answer 404. A restarted service
 * forgets all.
 */
public final class SessionRegistry {
  private final Cache<String, Session> sessions;

  public SessionRegistry(Duration idleTimeout, long maxSessions) {
    this.sessions =
        Caffeine.newBuilder().expireAfterAccess(idleTimeout).maximumSize(maxSessions).build();
  }

  public void open(Session session) {
    sessions.put(session.sessionId(), session);
  }

  /** The session, refreshing its idle timer. */
  public Optional<Session> get(String sessionId) {
    return Optional.ofNullable(sessions.getIfPresent(sessionId));
  }

  /** Records that the session now streams from another server. */
  public Optional<Session> switchServer(String sessionId, String serverId) {
    return Optional.ofNullable(
        sessions.asMap().computeIfPresent(sessionId, (id, s) -> s.withCdnServer(serverId)));
  }

  /** Closes a session; returns it when it was open. */
  public Optional<Session> close(String sessionId) {
    return Optional.ofNullable(sessions.asMap().remove(sessionId));
  }

  /** Sessions open now (approximate: expired entries are removed lazily). */
  public long size() {
    return sessions.estimatedSize();
  }
}
