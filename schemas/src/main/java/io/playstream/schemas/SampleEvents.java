package io.playstream.schemas;

import io.playstream.events.CandidateServer;
import io.playstream.events.CdnServerHealth;
import io.playstream.events.Impression;
import io.playstream.events.PlaybackError;
import io.playstream.events.PlaybackHeartbeat;
import io.playstream.events.PlaybackStarted;
import io.playstream.events.PlaybackStopped;
import io.playstream.events.Rating;
import io.playstream.events.SteeringDecision;
import io.playstream.events.StopReason;
import io.playstream.events.Thumb;
import io.playstream.events.TitleRemoved;
import io.playstream.events.TitleUpserted;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * Well-formed example events of every type, for tests, benchmarks and docs. Fixed values, so the
 * same call gives equal events apart from the random event id.
 */
public final class SampleEvents {
  /** The event time every sample carries. */
  public static final Instant SAMPLE_TIME = Instant.parse("2026-01-01T20:00:00Z");

  private SampleEvents() {}

  /** One sample event of the given type. */
  public static SpecificRecord of(EventType type) {
    return switch (type) {
      case PLAYBACK_STARTED -> started();
      case PLAYBACK_HEARTBEAT -> heartbeat();
      case PLAYBACK_STOPPED -> stopped();
      case PLAYBACK_ERROR -> error();
      case STEERING_DECISION -> steering();
      case CDN_SERVER_HEALTH -> cdnHealth();
      case TITLE_UPSERTED -> titleUpserted();
      case TITLE_REMOVED -> titleRemoved();
      case IMPRESSION -> impression();
      case RATING -> rating();
    };
  }

  private static io.playstream.events.EventHeader header(String service) {
    return Events.newHeader(service, service + "-1", SAMPLE_TIME, "trace-1");
  }

  public static PlaybackStarted started() {
    return PlaybackStarted.newBuilder()
        .setHeader(header("playback"))
        .setSessionId("s-1")
        .setProfileId("p-1")
        .setTitleId("t-1")
        .setDeviceType("tv")
        .setCountry("US")
        .setRegion("us-east")
        .setIsp("comcast")
        .setClientIp("203.0.113.7")
        .setCdnServerId("oca-us-east-1")
        .setStartupLatencyMs(850)
        .setInitialBitrateKbps(3000)
        .build();
  }

  public static PlaybackHeartbeat heartbeat() {
    return PlaybackHeartbeat.newBuilder()
        .setHeader(header("playback"))
        .setSessionId("s-1")
        .setProfileId("p-1")
        .setTitleId("t-1")
        .setCdnServerId("oca-us-east-1")
        .setPositionMs(120_000L)
        .setBitrateKbps(4300)
        .setBufferLevelMs(18_000)
        .setRebufferCount(1)
        .setRebufferDurationMs(640L)
        .setDroppedFrames(3)
        .setIntervalMs(30_000L)
        .build();
  }

  public static PlaybackStopped stopped() {
    return PlaybackStopped.newBuilder()
        .setHeader(header("playback"))
        .setSessionId("s-1")
        .setProfileId("p-1")
        .setTitleId("t-1")
        .setReason(StopReason.USER_STOPPED)
        .setWatchedSeconds(1_800L)
        .setPositionMs(1_800_000L)
        .build();
  }

  public static PlaybackError error() {
    return PlaybackError.newBuilder()
        .setHeader(header("playback"))
        .setSessionId("s-1")
        .setProfileId("p-1")
        .setTitleId("t-1")
        .setCdnServerId("oca-us-east-1")
        .setCode("NETWORK_TIMEOUT")
        .setFatal(true)
        .setMessage("segment fetch timed out")
        .setCountry("US")
        .setDeviceType("tv")
        .build();
  }

  public static SteeringDecision steering() {
    return SteeringDecision.newBuilder()
        .setHeader(header("steering"))
        .setSessionId("s-1")
        .setProfileId("p-1")
        .setTitleId("t-1")
        .setCountry("US")
        .setRegion("us-east")
        .setIsp("comcast")
        .setClientIp("203.0.113.7")
        .setCandidates(
            List.of(
                new CandidateServer("oca-us-east-1", 1, 0.92),
                new CandidateServer("oca-us-east-2", 2, 0.81)))
        .setChosenServerId("oca-us-east-1")
        .setFallbackUsed(false)
        .build();
  }

  public static CdnServerHealth cdnHealth() {
    return CdnServerHealth.newBuilder()
        .setHeader(header("cdn"))
        .setServerId("oca-us-east-1")
        .setRegion("us-east")
        .setLoad(0.42)
        .setHealthy(true)
        .setCapacityMbps(40_000)
        .setActiveSessions(1_200)
        .build();
  }

  public static TitleUpserted titleUpserted() {
    return TitleUpserted.newBuilder()
        .setHeader(header("catalog"))
        .setTitleId("t-1")
        .setName("Toy Story (1995)")
        .setGenres(List.of("Adventure", "Animation", "Children"))
        .setReleaseYear(1995)
        .setLicensedCountries(List.of("US", "GB", "DE"))
        .setMaturityRating("G")
        .setDurationSeconds(4_860)
        .build();
  }

  public static TitleRemoved titleRemoved() {
    return TitleRemoved.newBuilder()
        .setHeader(header("catalog"))
        .setTitleId("t-1")
        .setReason("license expired")
        .build();
  }

  public static Impression impression() {
    return Impression.newBuilder()
        .setHeader(header("playback"))
        .setProfileId("p-1")
        .setRowName("trending")
        .setTitleIds(List.of("t-1", "t-2", "t-3"))
        .setCountry("US")
        .setDeviceType("tv")
        .build();
  }

  public static Rating rating() {
    return Rating.newBuilder()
        .setHeader(header("playback"))
        .setProfileId("p-1")
        .setTitleId("t-1")
        .setThumb(Thumb.UP)
        .setCountry("US")
        .build();
  }
}
