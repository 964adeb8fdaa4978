package io.playstream.jobs.sessions;

import io.playstream.events.PlaybackError;
import io.playstream.events.PlaybackHeartbeat;
import io.playstream.events.PlaybackStarted;
import io.playstream.events.PlaybackStopped;
import io.playstream.schemas.Events;

/**
 * One playback event reduced to what the sessionizer needs (a Flink POJO), so the four event types
 * flow as one stream into one keyed function.
 */
public class SessionSignal {
  /** Which event it was. */
  public enum Kind {
    STARTED,
    HEARTBEAT,
    STOPPED,
    ERROR
  }

  public Kind kind;
  public String sessionId;
  public String profileId;
  public String titleId;
  public long time;
  public String country;
  public String deviceType;
  public String isp;
  public String cdnServerId;
  public int startupLatencyMs = -1;
  public int bitrateKbps = -1;
  public long intervalMs;
  public int rebufferCount;
  public long rebufferMs;
  public String stopReason;
  public long watchedSeconds = -1;
  public String errorCode;
  public boolean fatal;

  public SessionSignal() {}

  private static SessionSignal base(
      Kind kind, org.apache.avro.specific.SpecificRecord e, String session, String p, String t) {
    SessionSignal s = new SessionSignal();
    s.kind = kind;
    s.sessionId = session;
    s.profileId = p;
    s.titleId = t;
    s.time = Events.header(e).getEventTime().toEpochMilli();
    return s;
  }

  public static SessionSignal of(PlaybackStarted e) {
    SessionSignal s = base(Kind.STARTED, e, e.getSessionId(), e.getProfileId(), e.getTitleId());
    s.country = e.getCountry();
    s.deviceType = e.getDeviceType();
    s.isp = e.getIsp();
    s.cdnServerId = e.getCdnServerId();
    s.startupLatencyMs = e.getStartupLatencyMs();
    s.bitrateKbps = e.getInitialBitrateKbps();
    return s;
  }

  public static SessionSignal of(PlaybackHeartbeat e) {
    SessionSignal s = base(Kind.HEARTBEAT, e, e.getSessionId(), e.getProfileId(), e.getTitleId());
    s.cdnServerId = e.getCdnServerId();
    s.bitrateKbps = e.getBitrateKbps();
    s.intervalMs = Math.max(0, e.getIntervalMs());
    s.rebufferCount = e.getRebufferCount();
    s.rebufferMs = e.getRebufferDurationMs();
    return s;
  }

  public static SessionSignal of(PlaybackStopped e) {
    SessionSignal s = base(Kind.STOPPED, e, e.getSessionId(), e.getProfileId(), e.getTitleId());
    s.stopReason = e.getReason().name();
    s.watchedSeconds = e.getWatchedSeconds();
    return s;
  }

  public static SessionSignal of(PlaybackError e) {
    SessionSignal s = base(Kind.ERROR, e, e.getSessionId(), e.getProfileId(), e.getTitleId());
    s.cdnServerId = e.getCdnServerId();
    s.country = e.getCountry();
    s.deviceType = e.getDeviceType();
    s.errorCode = e.getCode();
    s.fatal = e.getFatal();
    return s;
  }

  /** True for the events that end a session: a stop or a fatal error. */
  public boolean ends() {
    return kind == Kind.STOPPED || (kind == Kind.ERROR && fatal);
  }
}
