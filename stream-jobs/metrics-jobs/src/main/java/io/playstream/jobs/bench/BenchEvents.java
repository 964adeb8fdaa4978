package io.playstream.jobs.bench;

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
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.avro.specific.SpecificRecord;

/**
 * A reproducible mix of route-topic records for the benchmark, encoded once: the event types of the
 * metrics-playback route in simulator-like proportions (heartbeats dominate), in event-time order
 * at a given number of events per second of event time, over 12 countries, 5 device types, 24 CDN
 * servers and 8 ISPs.
 */
public final class BenchEvents {
  /** Event time of the first record. */
  public static final Instant START = Instant.parse("2026-01-01T20:00:00Z");

  private static final String[] COUNTRIES = {
    "US", "BR", "DE", "GB", "FR", "IN", "JP", "MX", "CA", "ES", "IT", "KR"
  };
  private static final String[] DEVICES = {"tv", "mobile", "web", "console", "tablet"};
  private static final String[] ISPS = {
    "comcast", "att", "verizon", "telekom", "vodafone", "orange", "jio", "ntt"
  };
  private static final int SERVERS = 24;

  private BenchEvents() {}

  /** {@code n} raw records of the route topic, in event-time order, {@code rate} per second. */
  public static List<RawEvent> generate(int n, long seed, int rate) {
    SplittableRandom rnd = new SplittableRandom(seed);
    String topic = Topics.route("metrics-playback").name();
    List<RawEvent> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Instant at = START.plusNanos(i * (1_000_000_000L / rate));
      out.add(RawEvents.of(randomEvent(rnd, at), topic, i % 4, i / 4));
    }
    return out;
  }

  /**
   * One event of the bench mix at {@code at}: about 11 % stream starts, 11 % steering decisions,
   * the rest heartbeats, errors, stops and CDN reports, over 12 countries and 5 device types.
   */
  public static SpecificRecord randomEvent(SplittableRandom r, Instant at) {
    String session = "s-" + r.nextInt(50_000);
    String server = "oca-" + r.nextInt(SERVERS);
    String country = COUNTRIES[r.nextInt(COUNTRIES.length)];
    String device = DEVICES[r.nextInt(DEVICES.length)];
    int roll = r.nextInt(100);
    var header = Events.newHeader("playback", "bench", at, null);
    if (roll < 11) {
      return PlaybackStarted.newBuilder()
          .setHeader(header)
          .setSessionId(session)
          .setProfileId("p-" + r.nextInt(20_000))
          .setTitleId("t-" + r.nextInt(9_000))
          .setDeviceType(device)
          .setCountry(country)
          .setRegion("us-east")
          .setIsp(ISPS[r.nextInt(ISPS.length)])
          .setClientIp(null)
          .setCdnServerId(server)
          .setStartupLatencyMs(200 + r.nextInt(3_000))
          .setInitialBitrateKbps(1_500 + r.nextInt(4_000))
          .build();
    }
    if (roll < 22) {
      return SteeringDecision.newBuilder()
          .setHeader(header)
          .setSessionId(session)
          .setProfileId("p-1")
          .setTitleId("t-1")
          .setCountry(country)
          .setRegion("us-east")
          .setIsp(ISPS[r.nextInt(ISPS.length)])
          .setClientIp(null)
          .setCandidates(List.of(new CandidateServer(server, 1, 0.9)))
          .setChosenServerId(server)
          .setFallbackUsed(r.nextInt(50) == 0)
          .build();
    }
    if (roll < 88) {
      return PlaybackHeartbeat.newBuilder()
          .setHeader(header)
          .setSessionId(session)
          .setProfileId("p-1")
          .setTitleId("t-1")
          .setCdnServerId(server)
          .setPositionMs(r.nextInt(3_600_000))
          .setBitrateKbps(1_500 + r.nextInt(4_000))
          .setBufferLevelMs(r.nextInt(30_000))
          .setRebufferCount(r.nextInt(20) == 0 ? 1 : 0)
          .setRebufferDurationMs(r.nextInt(20) == 0 ? r.nextInt(2_000) : 0)
          .setDroppedFrames(r.nextInt(5))
          .setIntervalMs(30_000)
          .build();
    }
    if (roll < 98) {
      return PlaybackStopped.newBuilder()
          .setHeader(header)
          .setSessionId(session)
          .setProfileId("p-1")
          .setTitleId("t-1")
          .setReason(StopReason.USER_STOPPED)
          .setWatchedSeconds(r.nextInt(7_200))
          .setPositionMs(r.nextInt(7_200_000))
          .build();
    }
    if (roll < 99) {
      return PlaybackError.newBuilder()
          .setHeader(header)
          .setSessionId(session)
          .setProfileId("p-1")
          .setTitleId("t-1")
          .setCdnServerId(server)
          .setCode("NETWORK_TIMEOUT")
          .setFatal(r.nextBoolean())
          .setMessage(null)
          .setCountry(country)
          .setDeviceType(device)
          .build();
    }
    return CdnServerHealth.newBuilder()
        .setHeader(header)
        .setServerId(server)
        .setRegion("us-east")
        .setLoad(r.nextDouble())
        .setHealthy(r.nextInt(10) != 0)
        .setCapacityMbps(40_000)
        .setActiveSessions(r.nextInt(2_000))
        .build();
  }
}
