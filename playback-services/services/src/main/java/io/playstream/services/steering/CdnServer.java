package io.playstream.services.steering;

/**
 * One CDN server of the configured fleet.
 *
 * @param serverId id, e.g. {@code oca-us-east-1}
 * @param region region it serves from
 * @param capacityMbps nominal egress capacity, Mbit/s
 */
public record CdnServer(String serverId, String region, int capacityMbps) {}
