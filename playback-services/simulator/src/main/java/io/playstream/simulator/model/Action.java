package io.playstream.simulator.model;

import io.playstream.events.StopReason;
import io.playstream.events.Thumb;
import io.playstream.schemas.EventType;
import java.util.List;

/**
 * One thing a simulated client does at a simulated time. The model produces these in time order;
 * the HTTP driver turns each into one call, the Kafka sink into the event the services would have
 * emitted. Actions are values: two runs can be compared action by action.
 */
public sealed interface Action
    permits Action.ShowRow,
        Action.RequestPlay,
        Action.ReportStarted,
        Action.SendHeartbeat,
        Action.ReportError,
        Action.StopPlayback,
        Action.RateTitle,
        Action.ReportCdnHealth {

  /** Simulated milliseconds since the start of the run. */
  long atMs();

  /** The event the services emit when they accept this action. */
  EventType eventType();

  /**
   * Who is playing what, where: the context every session action carries.
   *
   * @param sessionId the model's session id (in kafka mode the session id of the events; in http
   *     mode the service assigns its own and the driver maps between them)
   * @param serverId the CDN server the client streams from, or null for a play that was refused
   */
  record Playback(
      String sessionId,
      String accountId,
      String profileId,
      String titleId,
      String deviceType,
      String country,
      String region,
      String isp,
      String clientIp,
      String serverId) {}

  /** A server steering offered, best first. */
  record Candidate(String serverId, int rank, double score) {}

  /** A row of titles shown to a profile: {@code POST /v1/impressions}. */
  record ShowRow(
      long atMs,
      String accountId,
      String profileId,
      String rowName,
      List<String> titleIds,
      String country,
      String deviceType)
      implements Action {
    public ShowRow {
      titleIds = List.copyOf(titleIds);
    }

    @Override
    public EventType eventType() {
      return EventType.IMPRESSION;
    }
  }

  /**
   * A play request: {@code POST /v1/play}. {@code licensed} is false when the title is not licensed
   * in the profile's country (the service answers 451 and nothing follows).
   */
  record RequestPlay(
      long atMs,
      Playback playback,
      boolean licensed,
      List<Candidate> candidates,
      boolean fallbackUsed)
      implements Action {
    public RequestPlay {
      candidates = List.copyOf(candidates);
    }

    @Override
    public EventType eventType() {
      return EventType.STEERING_DECISION;
    }
  }

  /** The first frame rendered: {@code POST /v1/sessions/{id}/started}. */
  record ReportStarted(long atMs, Playback playback, int startupLatencyMs, int initialBitrateKbps)
      implements Action {
    @Override
    public EventType eventType() {
      return EventType.PLAYBACK_STARTED;
    }
  }

  /** Periodic telemetry: {@code POST /v1/sessions/{id}/heartbeat}; counts are per interval. */
  record SendHeartbeat(
      long atMs,
      Playback playback,
      long positionMs,
      int bitrateKbps,
      int bufferLevelMs,
      int rebufferCount,
      long rebufferDurationMs,
      int droppedFrames,
      long intervalMs)
      implements Action {
    @Override
    public EventType eventType() {
      return EventType.PLAYBACK_HEARTBEAT;
    }
  }

  /** A playback error: {@code POST /v1/sessions/{id}/error}; a fatal one ends the session. */
  record ReportError(long atMs, Playback playback, String code, boolean fatal, String message)
      implements Action {
    @Override
    public EventType eventType() {
      return EventType.PLAYBACK_ERROR;
    }
  }

  /** The end of a session: {@code POST /v1/sessions/{id}/stop}. */
  record StopPlayback(
      long atMs, Playback playback, StopReason reason, long watchedSeconds, long positionMs)
      implements Action {
    @Override
    public EventType eventType() {
      return EventType.PLAYBACK_STOPPED;
    }
  }

  /** A thumb rating after watching: {@code POST /v1/ratings}. */
  record RateTitle(
      long atMs, String accountId, String profileId, String titleId, Thumb thumb, String country)
      implements Action {
    @Override
    public EventType eventType() {
      return EventType.RATING;
    }
  }

  /** A CDN server's periodic health report: {@code POST /v1/cdn/health}. */
  record ReportCdnHealth(
      long atMs,
      String serverId,
      String region,
      double load,
      boolean healthy,
      int capacityMbps,
      int activeSessions)
      implements Action {
    @Override
    public EventType eventType() {
      return EventType.CDN_SERVER_HEALTH;
    }
  }
}
