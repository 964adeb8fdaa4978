package io.playstream.services.steering;

import io.playstream.services.common.JsonBody;

/**
 * A client asking where to stream from.
 *
 * @param sessionId playback session id
 * @param profileId viewer profile
 * @param titleId title to play
 * @param country ISO country, upper case
 * @param region region the client says it is in
 * @param isp the client's internet service provider
 * @param clientIp client address, or null
 */
public record ClientRequest(
    String sessionId,
    String profileId,
    String titleId,
    String country,
    String region,
    String isp,
    String clientIp) {

  /** Reads a {@code /v1/steer} body (400 naming the field when one is missing or bad). */
  public static ClientRequest fromBody(JsonBody body) {
    return new ClientRequest(
        body.requiredString("session_id"),
        body.requiredString("profile_id"),
        body.requiredString("title_id"),
        body.requiredCountry("country"),
        body.requiredString("region"),
        body.requiredString("isp"),
        body.optionalString("client_ip").orElse(null));
  }
}
