package io.playstream.services.steering;

import java.time.Instant;

/**
 * The latest health a CDN server reported.
 *
 * @param serverId server id
 * @param region server region
 * @param load utilisation 0.0-1.0
 * @param healthy false when the server fails its own checks
 * @param capacityMbps egress capacity, Mbit/s
 * @param activeSessions sessions it serves
 * @param reportedAt when steering received the report
 */
public record HealthReport(
    String serverId,
    String region,
    double load,
    boolean healthy,
    int capacityMbps,
    int activeSessions,
    Instant reportedAt) {}
