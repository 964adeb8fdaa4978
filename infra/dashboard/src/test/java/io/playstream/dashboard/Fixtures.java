package io.playstream.dashboard;

import io.playstream.events.AlertState;
import io.playstream.events.CdnServerHealthChanged;
import io.playstream.events.CdnServerMetric;
import io.playstream.events.EventHeader;
import io.playstream.events.PlaybackQualityMetric;
import io.playstream.events.PlaybackSessionSummary;
import io.playstream.events.ProfileRecommendations;
import io.playstream.events.QualityDimension;
import io.playstream.events.RecommendedTitle;
import io.playstream.events.SessionEndReason;
import io.playstream.events.SpsAlert;
import io.playstream.events.SpsMetric;
import io.playstream.events.SteeringMetric;
import io.playstream.events.TitleUpserted;
import io.playstream.schemas.SampleEvents;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Metric records with chosen values, as the metrics jobs write them. */
public final class Fixtures {
  private Fixtures() {}

  public static EventHeader header(Instant time) {
    return EventHeader.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setEventTime(time)
        .setService("metrics-jobs")
        .setInstance("test")
        .setTraceId(null)
        .build();
  }

  public static SpsMetric sps(
      Instant windowStart, int seconds, String country, String device, long starts, long failures) {
    return SpsMetric.newBuilder(SampleEvents.spsMetric())
        .setHeader(header(windowStart.plusSeconds(seconds)))
        .setWindowStart(windowStart)
        .setWindowEnd(windowStart.plusSeconds(seconds))
        .setWindowSeconds(seconds)
        .setCountry(country)
        .setDeviceType(device)
        .setStarts(starts)
        .setSps((double) starts / seconds)
        .setPlayFailures(failures)
        .setFailureRate(starts + failures == 0 ? 0 : (double) failures / (starts + failures))
        .build();
  }

  public static PlaybackQualityMetric quality(
      Instant windowStart,
      QualityDimension dimension,
      String value,
      long p50,
      long p99,
      long rebufferMs,
      long watchMs) {
    return PlaybackQualityMetric.newBuilder(SampleEvents.playbackQualityMetric())
        .setHeader(header(windowStart.plusSeconds(10)))
        .setWindowStart(windowStart)
        .setWindowEnd(windowStart.plusSeconds(10))
        .setDimension(dimension)
        .setDimensionValue(value)
        .setStarts(20)
        .setStartupLatencyP50Ms(p50)
        .setStartupLatencyP90Ms((p50 + p99) / 2)
        .setStartupLatencyP99Ms(p99)
        .setStartupLatencyMaxMs(p99 + 100)
        .setStartupLatencyHistogram(ByteBuffer.wrap(new byte[0]))
        .setHeartbeats(dimension == QualityDimension.ISP ? 0 : 100)
        .setWatchMs(watchMs)
        .setRebufferMs(rebufferMs)
        .setRebufferCount(rebufferMs > 0 ? 1 : 0)
        .setRebufferRatio(watchMs == 0 ? null : (double) rebufferMs / watchMs)
        .setMeanBitrateKbps(dimension == QualityDimension.ISP ? null : 4200.0)
        .build();
  }

  public static CdnServerMetric cdn(
      Instant windowStart, String server, double load, boolean healthy, double share) {
    return CdnServerMetric.newBuilder(SampleEvents.cdnServerMetric())
        .setHeader(header(windowStart.plusSeconds(10)))
        .setWindowStart(windowStart)
        .setWindowEnd(windowStart.plusSeconds(10))
        .setServerId(server)
        .setRegion("eu-west")
        .setTrafficShare(share)
        .setMeanLoad(load)
        .setMaxLoad(load)
        .setHealthy(healthy)
        .setUnhealthyReports(healthy ? 0 : 2)
        .build();
  }

  public static SteeringMetric steering(Instant windowStart, long decisions, long fallbacks) {
    return SteeringMetric.newBuilder(SampleEvents.steeringMetric())
        .setHeader(header(windowStart.plusSeconds(10)))
        .setWindowStart(windowStart)
        .setWindowEnd(windowStart.plusSeconds(10))
        .setDecisions(decisions)
        .setFallbackDecisions(fallbacks)
        .setFallbackRate(decisions == 0 ? 0 : (double) fallbacks / decisions)
        .build();
  }

  public static CdnServerHealthChanged healthChanged(String server, boolean healthy, Instant at) {
    return CdnServerHealthChanged.newBuilder(SampleEvents.cdnServerHealthChanged())
        .setHeader(header(at))
        .setServerId(server)
        .setHealthy(healthy)
        .setChangedAt(at)
        .build();
  }

  public static SpsAlert alert(
      String country,
      AlertState state,
      Instant opened,
      Instant evaluated,
      double observed,
      double baseline) {
    return SpsAlert.newBuilder(SampleEvents.spsAlert())
        .setHeader(header(evaluated))
        .setAlertId(country + "@" + opened.toEpochMilli())
        .setCountry(country)
        .setState(state)
        .setOpenedAt(opened)
        .setResolvedAt(state == AlertState.RESOLVED ? evaluated : null)
        .setEvaluatedAt(evaluated)
        .setObservedSps(observed)
        .setBaselineSps(baseline)
        .setDropShare(1 - observed / baseline)
        .setThresholdShare(0.5)
        .setWindowSeconds(10)
        .build();
  }

  public static PlaybackSessionSummary session(
      String sessionId, String titleId, SessionEndReason reason, Instant ended, int latencyMs) {
    return PlaybackSessionSummary.newBuilder(SampleEvents.sessionSummary())
        .setHeader(header(ended))
        .setSessionId(sessionId)
        .setTitleId(titleId)
        .setEndReason(reason)
        .setStopReason(null)
        .setStartedAt(ended.minusSeconds(600))
        .setEndedAt(ended)
        .setStartupLatencyMs(latencyMs)
        .setWatchSeconds(600)
        .build();
  }

  public static ProfileRecommendations trending(String country, Instant at, String... titleIds) {
    List<RecommendedTitle> titles = new ArrayList<>();
    for (int i = 0; i < titleIds.length; i++) {
      titles.add(
          RecommendedTitle.newBuilder().setTitleId(titleIds[i]).setScore(100.0 - i * 10).build());
    }
    return ProfileRecommendations.newBuilder(SampleEvents.profileRecommendations())
        .setHeader(header(at))
        .setProfileId("trending:" + country)
        .setCountry("*".equals(country) ? null : country)
        .setModelVersion("trending")
        .setSource("realtime")
        .setTitles(titles)
        .build();
  }

  public static TitleUpserted title(String titleId, String name) {
    return TitleUpserted.newBuilder(SampleEvents.titleUpserted())
        .setHeader(header(SampleEvents.SAMPLE_TIME))
        .setTitleId(titleId)
        .setName(name)
        .build();
  }
}
