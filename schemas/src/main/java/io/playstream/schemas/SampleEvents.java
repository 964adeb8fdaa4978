package io.playstream.schemas;

import io.playstream.events.AlertState;
import io.playstream.events.CandidateServer;
import io.playstream.events.CdnServerHealth;
import io.playstream.events.CdnServerHealthChanged;
import io.playstream.events.CdnServerMetric;
import io.playstream.events.Impression;
import io.playstream.events.PlaybackError;
import io.playstream.events.PlaybackHeartbeat;
import io.playstream.events.PlaybackQualityMetric;
import io.playstream.events.PlaybackSessionSummary;
import io.playstream.events.PlaybackStarted;
import io.playstream.events.PlaybackStopped;
import io.playstream.events.ProfileRecommendations;
import io.playstream.events.QualityDimension;
import io.playstream.events.Rating;
import io.playstream.events.RecommendedTitle;
import io.playstream.events.SessionEndReason;
import io.playstream.events.SpsAlert;
import io.playstream.events.SpsMetric;
import io.playstream.events.SteeringDecision;
import io.playstream.events.SteeringMetric;
import io.playstream.events.StopReason;
import io.playstream.events.Thumb;
import io.playstream.events.TitleRemoved;
import io.playstream.events.TitleUpserted;
import java.nio.ByteBuffer;
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
      case SPS_METRIC -> spsMetric();
      case PLAYBACK_QUALITY_METRIC -> playbackQualityMetric();
      case CDN_SERVER_METRIC -> cdnServerMetric();
      case STEERING_METRIC -> steeringMetric();
      case CDN_SERVER_HEALTH_CHANGED -> cdnServerHealthChanged();
      case SPS_ALERT -> spsAlert();
      case PLAYBACK_SESSION_SUMMARY -> sessionSummary();
      case PROFILE_RECOMMENDATIONS -> profileRecommendations();
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

  /** The window every sample metric covers: the 10 s ending at {@link #SAMPLE_TIME}. */
  public static final Instant SAMPLE_WINDOW_START = SAMPLE_TIME.minusSeconds(10);

  public static SpsMetric spsMetric() {
    return SpsMetric.newBuilder()
        .setHeader(header("metrics-jobs"))
        .setWindowStart(SAMPLE_WINDOW_START)
        .setWindowEnd(SAMPLE_TIME)
        .setWindowSeconds(10)
        .setCountry("US")
        .setDeviceType("tv")
        .setStarts(120L)
        .setSps(12.0)
        .setPlayFailures(3L)
        .setFailureRate(3.0 / 123.0)
        .build();
  }

  public static PlaybackQualityMetric playbackQualityMetric() {
    return PlaybackQualityMetric.newBuilder()
        .setHeader(header("metrics-jobs"))
        .setWindowStart(SAMPLE_WINDOW_START)
        .setWindowEnd(SAMPLE_TIME)
        .setDimension(QualityDimension.CDN_SERVER)
        .setDimensionValue("oca-us-east-1")
        .setStarts(40L)
        .setStartupLatencyP50Ms(850L)
        .setStartupLatencyP90Ms(1_400L)
        .setStartupLatencyP99Ms(2_900L)
        .setStartupLatencyMaxMs(3_100L)
        .setStartupLatencyHistogram(ByteBuffer.wrap(new byte[0]))
        .setHeartbeats(200L)
        .setWatchMs(6_000_000L)
        .setRebufferCount(4L)
        .setRebufferMs(3_000L)
        .setRebufferRatio(0.0005)
        .setMeanBitrateKbps(4_150.0)
        .build();
  }

  public static CdnServerMetric cdnServerMetric() {
    return CdnServerMetric.newBuilder()
        .setHeader(header("metrics-jobs"))
        .setWindowStart(SAMPLE_WINDOW_START)
        .setWindowEnd(SAMPLE_TIME)
        .setServerId("oca-us-east-1")
        .setRegion("us-east")
        .setChosen(30L)
        .setTrafficShare(0.25)
        .setFallbackChosen(1L)
        .setHealthReports(2L)
        .setMeanLoad(0.42)
        .setMaxLoad(0.45)
        .setActiveSessions(1_200)
        .setHealthy(true)
        .setUnhealthyReports(0L)
        .build();
  }

  public static SteeringMetric steeringMetric() {
    return SteeringMetric.newBuilder()
        .setHeader(header("metrics-jobs"))
        .setWindowStart(SAMPLE_WINDOW_START)
        .setWindowEnd(SAMPLE_TIME)
        .setDecisions(120L)
        .setFallbackDecisions(6L)
        .setFallbackRate(0.05)
        .setServersChosen(4)
        .build();
  }

  public static CdnServerHealthChanged cdnServerHealthChanged() {
    return CdnServerHealthChanged.newBuilder()
        .setHeader(header("metrics-jobs"))
        .setServerId("oca-us-east-1")
        .setRegion("us-east")
        .setHealthy(false)
        .setChangedAt(SAMPLE_TIME)
        .setPreviousReportAt(SAMPLE_TIME.minusSeconds(5))
        .setLoad(0.97)
        .build();
  }

  public static SpsAlert spsAlert() {
    Instant opened = SAMPLE_TIME.minusSeconds(30);
    return SpsAlert.newBuilder()
        .setHeader(header("metrics-jobs"))
        .setAlertId("US@" + opened.toEpochMilli())
        .setCountry("US")
        .setState(AlertState.OPENED)
        .setOpenedAt(opened)
        .setResolvedAt(null)
        .setEvaluatedAt(SAMPLE_TIME)
        .setObservedSps(2.0)
        .setBaselineSps(10.0)
        .setDropShare(0.8)
        .setThresholdShare(0.5)
        .setWindowSeconds(1)
        .build();
  }

  public static PlaybackSessionSummary sessionSummary() {
    return PlaybackSessionSummary.newBuilder()
        .setHeader(header("metrics-jobs"))
        .setSessionId("s-1")
        .setProfileId("p-1")
        .setTitleId("t-1")
        .setCountry("US")
        .setDeviceType("tv")
        .setIsp("comcast")
        .setCdnServerId("oca-us-east-1")
        .setStartedAt(SAMPLE_TIME.minusSeconds(1_800))
        .setEndedAt(SAMPLE_TIME)
        .setEndReason(SessionEndReason.STOPPED)
        .setStopReason(StopReason.USER_STOPPED)
        .setStartupLatencyMs(850)
        .setWatchSeconds(1_800L)
        .setHeartbeatCount(60)
        .setRebufferCount(1)
        .setRebufferSeconds(0.64)
        .setMeanBitrateKbps(4_300.0)
        .setErrorCount(0)
        .setFatalError(null)
        .build();
  }

  public static ProfileRecommendations profileRecommendations() {
    return ProfileRecommendations.newBuilder()
        .setHeader(header("recs-job"))
        .setProfileId("p-1")
        .setCountry("US")
        .setModelVersion("knn")
        .setSource("realtime")
        .setTitles(
            List.of(
                RecommendedTitle.newBuilder().setTitleId("t-2").setScore(0.9).build(),
                RecommendedTitle.newBuilder().setTitleId("t-3").setScore(0.4).build()))
        .build();
  }
}
