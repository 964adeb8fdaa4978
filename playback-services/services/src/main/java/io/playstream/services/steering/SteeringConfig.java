package io.playstream.services.steering;

/**
 * Immutable configuration of the steering service, built from {@link SteeringOptions}.
 *
 * @param port HTTP port (0 = any free port)
 * @param instanceId instance id in event headers
 * @param fleet the CDN servers to steer to
 */
public record SteeringConfig(int port, String instanceId, Fleet fleet) {}
