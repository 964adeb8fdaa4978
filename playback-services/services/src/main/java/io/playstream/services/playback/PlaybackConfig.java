package io.playstream.services.playback;

import io.playstream.services.steering.Fleet;
import java.time.Duration;

/**
 * Immutable configuration of the playback service, built from {@link PlaybackOptions}.
 *
 * @param port HTTP port (0 = any free port)
 * @param instanceId instance id in event headers
 * @param authSecret HMAC secret of bearer tokens
 * @param catalogUrl base URL of the catalog service
 * @param steeringUrl base URL of the steering service
 * @param catalogTimeout limit of a catalog call
 * @param steeringTimeout time limiter of a steering call
 * @param breakerFailureRate failure percentage that opens the steering circuit
 * @param breakerWindow calls the failure rate is computed over
 * @param breakerMinimumCalls calls needed before the rate counts
 * @param breakerOpenWait how long the open circuit skips steering before trying again
 * @param sessionIdleTimeout idle time after which a session is forgotten
 * @param maxSessions bound of the session registry
 * @param fallbackFleet servers of the static fallback list
 */
public record PlaybackConfig(
    int port,
    String instanceId,
    byte[] authSecret,
    String catalogUrl,
    String steeringUrl,
    Duration catalogTimeout,
    Duration steeringTimeout,
    int breakerFailureRate,
    int breakerWindow,
    int breakerMinimumCalls,
    Duration breakerOpenWait,
    Duration sessionIdleTimeout,
    long maxSessions,
    Fleet fallbackFleet) {

  /** The same configuration with other dependency URLs. */
  public PlaybackConfig withUrls(String newCatalogUrl, String newSteeringUrl) {
    return new PlaybackConfig(
        port,
        instanceId,
        authSecret,
        newCatalogUrl,
        newSteeringUrl,
        catalogTimeout,
        steeringTimeout,
        breakerFailureRate,
        breakerWindow,
        breakerMinimumCalls,
        breakerOpenWait,
        sessionIdleTimeout,
        maxSessions,
        fallbackFleet);
  }
}
