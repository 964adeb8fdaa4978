package io.playstream.jobs.sessions;

/** What the sessionizer keeps per open session (a Flink POJO). */
public class SessionState {
  public String sessionId;
  public String profileId;
  public String titleId;
  public String country;
  public String deviceType;
  public String isp;
  public String cdnServerId;

  /** Event time of the event that set {@link #cdnServerId} (the latest wins). */
  public long cdnServerAt = Long.MIN_VALUE;

  /** Event time of PlaybackStarted, or -1 when not seen. */
  public long startedAt = -1;

  public long firstEventAt = Long.MAX_VALUE;
  public long lastEventAt = Long.MIN_VALUE;
  public int startupLatencyMs = -1;
  public int initialBitrateKbps = -1;
  public int heartbeats;
  public long watchMs;
  public int rebufferCount;
  public long rebufferMs;
  public double bitrateWeightedSum;
  public long bitrateWeight;
  public int errorCount;

  /** STOPPED or ERROR once an ending event was seen, else null. */
  public String endReason;

  /** Event time of the ending event, or -1. */
  public long endAt = -1;

  public String stopReason;
  public long watchedSeconds = -1;
  public String fatalError;

  /** Timestamp of the one event-time timer registered for this key, or Long.MIN_VALUE. */
  public long timerAt = Long.MIN_VALUE;

  /** True after the summary was emitted: a tombstone that swallows stray events for a while. */
  public boolean summarized;

  public SessionState() {}
}
