package io.playstream.services.playback;

import java.time.Instant;

/**
 * An open playback session: the context every telemetry event of the session carries.
 *
 * @param sessionId id handed to the client
 * @param accountId account that opened it
 * @param profileId viewer profile
 * @param titleId title being played
 * @param deviceType client device class
 * @param country ISO country
 * @param region client region
 * @param isp client ISP
 * @param clientIp client address, or null
 * @param cdnServerId server currently streaming (the chosen one, until a heartbeat says otherwise)
 * @param openedAt when the play was granted
 */
public record Session(
    String sessionId,
    String accountId,
    String profileId,
    String titleId,
    String deviceType,
    String country,
    String region,
    String isp,
    String clientIp,
    String cdnServerId,
    Instant openedAt) {

  /** The same session streaming from another server. */
  public Session withCdnServer(String serverId) {
    return new Session(
        sessionId,
        accountId,
        profileId,
        titleId,
        deviceType,
        country,
        region,
        isp,
        clientIp,
        serverId,
        openedAt);
  }
}
