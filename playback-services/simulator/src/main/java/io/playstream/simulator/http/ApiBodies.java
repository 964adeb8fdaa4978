package io.playstream.simulator.http;

import io.playstream.simulator.model.Action;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The request each action becomes, as in {@code playback-services/API.md}: which service, which
 * path and which JSON body (snake_case field names). Pure; the driver does the I/O.
 */
public final class ApiBodies {
  /** Which service a call goes to. */
  public enum Service {
    PLAYBACK,
    STEERING
  }

  /**
   * One call.
   *
   * @param service target service
   * @param path path below the service's base URL
   * @param body JSON body as an ordered map
   */
  public record Call(Service service, String path, Map<String, Object> body) {}

  private ApiBodies() {}

  /**
   * The call for an action.
   *
   * @param serviceSessionId the session id the playback service gave the action's session (only
   *     used for session calls)
   */
  public static Call call(Action action, String serviceSessionId) {
    Map<String, Object> b = new LinkedHashMap<>();
    if (action instanceof Action.ShowRow a) {
      b.put("profile_id", a.profileId());
      b.put("row_name", a.rowName());
      b.put("title_ids", a.titleIds());
      b.put("country", a.country());
      b.put("device_type", a.deviceType());
      return new Call(Service.PLAYBACK, "/v1/impressions", b);
    }
    if (action instanceof Action.RequestPlay a) {
      Action.Playback p = a.playback();
      b.put("profile_id", p.profileId());
      b.put("title_id", p.titleId());
      b.put("device_type", p.deviceType());
      b.put("country", p.country());
      b.put("region", p.region());
      b.put("isp", p.isp());
      b.put("client_ip", p.clientIp());
      return new Call(Service.PLAYBACK, "/v1/play", b);
    }
    if (action instanceof Action.ReportStarted a) {
      b.put("startup_latency_ms", a.startupLatencyMs());
      b.put("initial_bitrate_kbps", a.initialBitrateKbps());
      return new Call(Service.PLAYBACK, sessionPath(serviceSessionId, "started"), b);
    }
    if (action instanceof Action.SendHeartbeat a) {
      b.put("position_ms", a.positionMs());
      b.put("bitrate_kbps", a.bitrateKbps());
      b.put("buffer_level_ms", a.bufferLevelMs());
      b.put("rebuffer_count", a.rebufferCount());
      b.put("rebuffer_duration_ms", a.rebufferDurationMs());
      b.put("dropped_frames", a.droppedFrames());
      b.put("interval_ms", a.intervalMs());
      b.put("cdn_server_id", a.playback().serverId());
      return new Call(Service.PLAYBACK, sessionPath(serviceSessionId, "heartbeat"), b);
    }
    if (action instanceof Action.ReportError a) {
      b.put("code", a.code());
      b.put("fatal", a.fatal());
      b.put("message", a.message());
      return new Call(Service.PLAYBACK, sessionPath(serviceSessionId, "error"), b);
    }
    if (action instanceof Action.StopPlayback a) {
      b.put("reason", a.reason().name());
      b.put("watched_seconds", a.watchedSeconds());
      b.put("position_ms", a.positionMs());
      return new Call(Service.PLAYBACK, sessionPath(serviceSessionId, "stop"), b);
    }
    if (action instanceof Action.RateTitle a) {
      b.put("profile_id", a.profileId());
      b.put("title_id", a.titleId());
      b.put("thumb", a.thumb().name());
      b.put("country", a.country());
      return new Call(Service.PLAYBACK, "/v1/ratings", b);
    }
    Action.ReportCdnHealth a = (Action.ReportCdnHealth) action;
    b.put("server_id", a.serverId());
    b.put("region", a.region());
    b.put("load", a.load());
    b.put("healthy", a.healthy());
    b.put("capacity_mbps", a.capacityMbps());
    b.put("active_sessions", a.activeSessions());
    return new Call(Service.STEERING, "/v1/cdn/health", b);
  }

  /** The session of a session action, or null for rows, ratings and health reports. */
  public static Action.Playback playbackOf(Action action) {
    if (action instanceof Action.RequestPlay a) {
      return a.playback();
    }
    if (action instanceof Action.ReportStarted a) {
      return a.playback();
    }
    if (action instanceof Action.SendHeartbeat a) {
      return a.playback();
    }
    if (action instanceof Action.ReportError a) {
      return a.playback();
    }
    if (action instanceof Action.StopPlayback a) {
      return a.playback();
    }
    return null;
  }

  /** The account whose token a call carries, or null for CDN health reports. */
  public static String accountOf(Action action) {
    Action.Playback p = playbackOf(action);
    if (p != null) {
      return p.accountId();
    }
    if (action instanceof Action.ShowRow a) {
      return a.accountId();
    }
    if (action instanceof Action.RateTitle a) {
      return a.accountId();
    }
    return null;
  }

  /** Whether no call for the action's session can follow this one. */
  public static boolean endsSession(Action action) {
    return action instanceof Action.StopPlayback
        || (action instanceof Action.ReportError e && e.fatal())
        || (action instanceof Action.RequestPlay p && !p.licensed());
  }

  private static String sessionPath(String sessionId, String verb) {
    return "/v1/sessions/" + sessionId + "/" + verb;
  }
}
