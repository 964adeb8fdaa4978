package io.playstream.services.steering;

/**
 * A ranked CDN server, as answered to clients and recorded in {@code SteeringDecision}.
 *
 * @param serverId server id
 * @param rank 1-based, 1 is best
 * @param score higher is better
 */
public record Candidate(String serverId, int rank, double score) {}
