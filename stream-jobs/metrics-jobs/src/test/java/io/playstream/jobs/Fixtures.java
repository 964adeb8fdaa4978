package io.playstream.jobs;

import io.playstream.events.CandidateServer;
import io.playstream.events.CdnServerHealth;
import io.playstream.events.PlaybackError;
import io.playstream.events.PlaybackHeartbeat;
import io.playstream.events.PlaybackStarted;
import io.playstream.events.PlaybackStopped;
import io.playstream.events.SteeringDecision;
import io.playstream.events.StopReason;
import io.playstream.flink.RawEvent;
import io.playstream.flink.RawEvents;
import io.playstream.schemas.Events;
import io.playstream.schemas.Topics;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/** Named instants and event builders for the metrics-job tests. */
public final class Fixtures {
  /** The start of every test's timeline: a window boundary for 1 s and 10 s windows. */
  public static final Instant EIGHT_PM = Instant.parse("2026-03-01T20:00:00Z");

  public static final String ROUTE = Topics.route("metrics-playback").name();

  private static final AtomicLong OFFSETS = new AtomicLong();

  private Fixtures() {}

  /** {@link #EIGHT_PM} plus some milliseconds. */
  public static Instant at(long millisAfterEightPm) {
    return EIGHT_PM.plusMillis(millisAfterEightPm);
  }

  /** {@link #EIGHT_PM} plus some seconds. */
  public static Instant sec(double secondsAfterEightPm) {
    return EIGHT_PM.plusMillis(Math.round(secondsAfterEightPm * 1000));
  }

  public static PlaybackStarted started(
      String session,
      String country,
      String device,
      String isp,
      String server,
      int latencyMs,
      Instant at) {
    return PlaybackStarted.newBuilder()
        .setHeader(Events.newHeader("playback", "test", at, null))
        .setSessionId(session)
        .setProfileId("p-" + session)
        .setTitleId("t-1")
        .setDeviceType(device)
        .setCountry(country)
        .setRegion("us-east")
        .setIsp(isp)
        .setClientIp(null)
        .setCdnServerId(server)
        .setStartupLatencyMs(latencyMs)
        .setInitialBitrateKbps(3000)
        .build();
  }

  /** A start in the given country with defaults for the rest. */
  public static PlaybackStarted started(String session, String country, Instant at) {
    return started(session, country, "tv", "comcast", "oca-1", 800, at);
  }

  public static PlaybackHeartbeat heartbeat(
      String session,
      String server,
      int bitrate,
      long intervalMs,
      int rebuffers,
      long rebufferMs,
      Instant at) {
    return PlaybackHeartbeat.newBuilder()
        .setHeader(Events.newHeader("playback", "test", at, null))
        .setSessionId(session)
        .setProfileId("p-" + session)
        .setTitleId("t-1")
        .setCdnServerId(server)
        .setPositionMs(0)
        .setBitrateKbps(bitrate)
        .setBufferLevelMs(10_000)
        .setRebufferCount(rebuffers)
        .setRebufferDurationMs(rebufferMs)
        .setDroppedFrames(0)
        .setIntervalMs(intervalMs)
        .build();
  }

  public static PlaybackError error(
      String session, String country, String device, boolean fatal, String code, Instant at) {
    return PlaybackError.newBuilder()
        .setHeader(Events.newHeader("playback", "test", at, null))
        .setSessionId(session)
        .setProfileId("p-" + session)
        .setTitleId("t-1")
        .setCdnServerId("oca-1")
        .setCode(code)
        .setFatal(fatal)
        .setMessage(null)
        .setCountry(country)
        .setDeviceType(device)
        .build();
  }

  public static PlaybackStopped stopped(
      String session, StopReason reason, long watchedSeconds, Instant at) {
    return PlaybackStopped.newBuilder()
        .setHeader(Events.newHeader("playback", "test", at, null))
        .setSessionId(session)
        .setProfileId("p-" + session)
        .setTitleId("t-1")
        .setReason(reason)
        .setWatchedSeconds(watchedSeconds)
        .setPositionMs(watchedSeconds * 1000)
        .build();
  }

  public static SteeringDecision steering(
      String session, String chosen, boolean fallback, Instant at) {
    return SteeringDecision.newBuilder()
        .setHeader(Events.newHeader("steering", "test", at, null))
        .setSessionId(session)
        .setProfileId("p-" + session)
        .setTitleId("t-1")
        .setCountry("US")
        .setRegion("us-east")
        .setIsp("comcast")
        .setClientIp(null)
        .setCandidates(List.of(new CandidateServer(chosen, 1, 0.9)))
        .setChosenServerId(chosen)
        .setFallbackUsed(fallback)
        .build();
  }

  public static CdnServerHealth health(
      String server, double load, boolean healthy, int sessions, Instant at) {
    return CdnServerHealth.newBuilder()
        .setHeader(Events.newHeader("steering", "test", at, null))
        .setServerId(server)
        .setRegion("us-east")
        .setLoad(load)
        .setHealthy(healthy)
        .setCapacityMbps(10_000)
        .setActiveSessions(sessions)
        .build();
  }

  /** The raw route-topic record of an event (partition 0, increasing offsets). */
  public static RawEvent raw(SpecificRecord event) {
    return RawEvents.of(event, ROUTE, 0, OFFSETS.getAndIncrement());
  }

  /**
   * Bounded out-of-orderness watermarks emitted after every event (instead of periodically), so a
   * bounded test source has deterministic late events.
   */
  public static WatermarkStrategy<RawEvent> punctuated(long outOfOrdernessMs) {
    return WatermarkStrategy.<RawEvent>forGenerator(
            ctx ->
                new WatermarkGenerator<>() {
                  private long max = Long.MIN_VALUE + outOfOrdernessMs + 1;

                  @Override
                  public void onEvent(RawEvent e, long ts, WatermarkOutput out) {
                    max = Math.max(max, ts);
                    out.emitWatermark(new Watermark(max - outOfOrdernessMs - 1));
                  }

                  @Override
                  public void onPeriodicEmit(WatermarkOutput out) {}
                })
        .withTimestampAssigner((e, ts) -> e.eventTime);
  }
}
