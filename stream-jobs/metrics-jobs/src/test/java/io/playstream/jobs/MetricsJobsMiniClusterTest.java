package io.playstream.jobs;

import static io.playstream.jobs.Fixtures.EIGHT_PM;
import static io.playstream.jobs.Fixtures.error;
import static io.playstream.jobs.Fixtures.health;
import static io.playstream.jobs.Fixtures.heartbeat;
import static io.playstream.jobs.Fixtures.raw;
import static io.playstream.jobs.Fixtures.sec;
import static io.playstream.jobs.Fixtures.started;
import static io.playstream.jobs.Fixtures.steering;
import static io.playstream.jobs.Fixtures.stopped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.playstream.events.AlertState;
import io.playstream.events.CdnServerHealthChanged;
import io.playstream.events.CdnServerMetric;
import io.playstream.events.PlaybackQualityMetric;
import io.playstream.events.PlaybackSessionSummary;
import io.playstream.events.SessionEndReason;
import io.playstream.events.SpsAlert;
import io.playstream.events.SpsMetric;
import io.playstream.events.SteeringMetric;
import io.playstream.events.StopReason;
import io.playstream.flink.DeadLetter;
import io.playstream.flink.JobEnvironment;
import io.playstream.flink.RawEvent;
import io.playstream.flink.RawEvents;
import io.playstream.jobs.cdn.CdnHealthJob;
import io.playstream.jobs.playback.LatencyHistograms;
import io.playstream.jobs.playback.PlaybackHealthJob;
import io.playstream.jobs.sessions.SessionizerJob;
import io.playstream.jobs.window.LateEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The job builders end to end in a MiniCluster: bounded raw input with deterministic watermarks (2
 * s out of orderness, emitted after every event), collecting sinks, hand-computed numbers. No Kryo
 * fallback and no operator without an explicit uid are allowed.
 */
class MetricsJobsMiniClusterTest {
  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  private static final long OUT_OF_ORDERNESS_MS = 2_000;

  static StreamExecutionEnvironment env() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    JobEnvironment.strictTypes(env);
    Configuration c = new Configuration();
    c.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
    env.configure(c);
    env.getConfig().enableObjectReuse();
    env.setParallelism(2);
    return env;
  }

  static DataStream<RawEvent> source(StreamExecutionEnvironment env, List<RawEvent> input) {
    return env.fromData(input, TypeInformation.of(RawEvent.class))
        .uid("test-source")
        .assignTimestampsAndWatermarks(Fixtures.punctuated(OUT_OF_ORDERNESS_MS))
        .uid("test-watermarks")
        .setParallelism(1);
  }

  static <T> List<T> drain(CloseableIterator<T> it) throws Exception {
    List<T> out = new ArrayList<>();
    while (it.hasNext()) {
      out.add(it.next());
    }
    it.close();
    return out;
  }

  static <T> T only(List<T> list, Predicate<T> p) {
    List<T> found = list.stream().filter(p).toList();
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  @Test
  void playbackHealthComputesSpsFailuresLatencyPercentilesRebuffersAndRoutesLateEvents()
      throws Exception {
    List<RawEvent> input = new ArrayList<>();
    input.add(raw(started("a", "US", "tv", "comcast", "oca-1", 100, sec(0.1))));
    input.add(raw(started("b", "US", "tv", "comcast", "oca-1", 200, sec(0.2))));
    input.add(raw(error("x", "US", "tv", true, "DRM_LICENSE", sec(0.5)))); // a play failure
    input.add(raw(error("a", "US", "tv", false, "DECODER", sec(0.6)))); // not a failure
    input.add(raw(started("c", "US", "tv", "comcast", "oca-1", 300, sec(0.9))));
    input.add(raw(started("d", "DE", "mobile", "telekom", "oca-2", 400, sec(0.95))));
    input.add(raw(started("e", "US", "tv", "comcast", "oca-1", 150, sec(1.2))));
    input.add(raw(heartbeat("a", "oca-1", 4000, 10_000, 1, 1_000, sec(1.5))));
    input.add(
        RawEvents.bytes("garbage".getBytes(), Fixtures.ROUTE, 0, 99, sec(1.6).toEpochMilli()));
    input.add(raw(started("f", "US", "tv", "comcast", "oca-1", 100, sec(12)))); // watermark ~10 s
    RawEvent late = raw(started("g", "US", "tv", "comcast", "oca-1", 100, sec(3)));
    input.add(late); // 3 s <= watermark: late

    StreamExecutionEnvironment env = env();
    PlaybackHealthJob.Outputs out =
        PlaybackHealthJob.build(source(env, input), new MetricsJobsOptions());
    var sps1 = out.sps1s().collectAsync();
    var sps10 = out.sps10s().collectAsync();
    var quality = out.quality().collectAsync();
    var alerts = out.alerts().collectAsync();
    var lateOut = out.late().collectAsync();
    var dead = out.deadLetters().collectAsync();
    env.execute("playback health test");

    List<SpsMetric> oneSecond = drain(sps1);
    assertThat(oneSecond)
        .extracting(
            m -> m.getWindowStart(),
            SpsMetric::getCountry,
            SpsMetric::getStarts,
            SpsMetric::getPlayFailures)
        .containsExactlyInAnyOrder(
            tuple(sec(0), "US", 3L, 1L),
            tuple(sec(0), "DE", 1L, 0L),
            tuple(sec(1), "US", 1L, 0L),
            tuple(sec(12), "US", 1L, 0L));
    SpsMetric usFirst =
        only(oneSecond, m -> m.getCountry().equals("US") && m.getWindowStart().equals(EIGHT_PM));
    assertThat(usFirst.getSps()).isEqualTo(3.0);
    assertThat(usFirst.getFailureRate()).isEqualTo(0.25);

    List<SpsMetric> tenSeconds = drain(sps10);
    assertThat(tenSeconds)
        .extracting(
            m -> m.getWindowStart(),
            SpsMetric::getCountry,
            SpsMetric::getDeviceType,
            SpsMetric::getStarts,
            SpsMetric::getSps)
        .containsExactlyInAnyOrder(
            tuple(sec(0), "US", "tv", 4L, 0.4),
            tuple(sec(0), "DE", "mobile", 1L, 0.1),
            tuple(sec(10), "US", "tv", 1L, 0.1));

    List<PlaybackQualityMetric> q = drain(quality);
    long hdr300 = LatencyHistograms.create().highestEquivalentValue(300);
    PlaybackQualityMetric oca1 =
        only(q, m -> m.getDimensionValue().equals("oca-1") && m.getWindowStart().equals(EIGHT_PM));
    assertThat(oca1.getStarts()).isEqualTo(4);
    assertThat(oca1.getStartupLatencyP50Ms()).isEqualTo(150L);
    assertThat(oca1.getStartupLatencyP90Ms()).isEqualTo(hdr300);
    assertThat(oca1.getStartupLatencyMaxMs()).isEqualTo(300L);
    assertThat(oca1.getHeartbeats()).isEqualTo(1);
    assertThat(oca1.getRebufferRatio()).isEqualTo(0.1);
    assertThat(oca1.getMeanBitrateKbps()).isEqualTo(4000.0);
    PlaybackQualityMetric comcast =
        only(
            q, m -> m.getDimensionValue().equals("comcast") && m.getWindowStart().equals(EIGHT_PM));
    assertThat(comcast.getStarts()).isEqualTo(4);
    assertThat(comcast.getHeartbeats()).isZero();
    assertThat(q)
        .extracting(PlaybackQualityMetric::getDimensionValue, m -> m.getWindowStart())
        .containsExactlyInAnyOrder(
            tuple("oca-1", sec(0)),
            tuple("comcast", sec(0)),
            tuple("oca-2", sec(0)),
            tuple("telekom", sec(0)),
            tuple("oca-1", sec(10)),
            tuple("comcast", sec(10)));

    assertThat(drain(alerts)).isEmpty(); // still warming up

    List<RawEvent> lateRecords = drain(lateOut);
    assertThat(lateRecords).hasSize(1);
    assertThat(lateRecords.get(0).value).isEqualTo(late.value);
    assertThat(lateRecords.get(0).header(LateEvents.JOB)).isEqualTo(PlaybackHealthJob.NAME);
    assertThat(lateRecords.get(0).header(LateEvents.SOURCE_OFFSET))
        .isEqualTo(Long.toString(late.offset));
    // every start is counted exactly once: in a window or in the late topic
    long counted = oneSecond.stream().mapToLong(SpsMetric::getStarts).sum();
    assertThat(counted + lateRecords.size()).isEqualTo(7);

    List<DeadLetter> letters = drain(dead);
    assertThat(letters).extracting(d -> d.sourceOffset).containsExactly(99L);
  }

  @Test
  void anSpsDropOpensAnAlertAndRecoveryResolvesIt() throws Exception {
    // US: 10 starts/s for 2 min, 1/s for 40 s (a CDN cut), 10/s again for 30 s. DE: steady 5/s.
    List<RawEvent> input = new ArrayList<>();
    int session = 0;
    for (int ms = 0; ms < 190_000; ms += 100) {
      boolean cut = ms >= 120_000 && ms < 160_000;
      if (!cut || ms % 1_000 == 0) {
        input.add(raw(started("us-" + session++, "US", Fixtures.at(ms))));
      }
      if (ms % 200 == 0) {
        input.add(raw(started("de-" + session++, "DE", Fixtures.at(ms))));
      }
    }
    StreamExecutionEnvironment env = env();
    PlaybackHealthJob.Outputs out =
        PlaybackHealthJob.build(source(env, input), new MetricsJobsOptions());
    var alerts = out.alerts().collectAsync();
    env.execute("sps alert test");

    List<SpsAlert> all = drain(alerts);
    assertThat(all)
        .extracting(SpsAlert::getCountry, SpsAlert::getState)
        .containsExactly(tuple("US", AlertState.OPENED), tuple("US", AlertState.RESOLVED));
    SpsAlert opened = all.get(0);
    assertThat(opened.getOpenedAt()).isEqualTo(sec(130)); // end of the first low 10 s window
    assertThat(opened.getEvaluatedAt()).isEqualTo(sec(150)); // after 30 s below half
    assertThat(opened.getBaselineSps()).isEqualTo(10.0);
    assertThat(opened.getObservedSps()).isEqualTo(1.0);
    SpsAlert resolved = all.get(1);
    assertThat(resolved.getResolvedAt()).isEqualTo(sec(170)); // first full window back at 10/s
    assertThat(resolved.getAlertId()).isEqualTo(opened.getAlertId());
  }

  @Test
  void cdnHealthGivesTrafficShareFallbackRateLoadAndHealthFlips() throws Exception {
    List<RawEvent> input = new ArrayList<>();
    input.add(raw(health("oca-1", 0.4, true, 100, sec(1))));
    input.add(raw(steering("s1", "oca-1", false, sec(1.5))));
    input.add(raw(health("oca-2", 0.99, false, 0, sec(2))));
    input.add(raw(steering("s2", "oca-1", true, sec(3))));
    input.add(raw(steering("s3", "oca-2", false, sec(4))));
    input.add(raw(health("oca-3", 0.1, true, 5, sec(4.5))));
    input.add(raw(health("oca-1", 0.6, true, 120, sec(6))));
    input.add(raw(steering("s4", "oca-1", false, sec(8))));
    input.add(raw(health("oca-2", 0.3, true, 10, sec(13)))); // next window; oca-2 recovers
    input.add(raw(steering("s5", "oca-2", false, sec(9)))); // 9 s <= watermark 10.999: late

    StreamExecutionEnvironment env = env();
    CdnHealthJob.Outputs out = CdnHealthJob.build(source(env, input), new MetricsJobsOptions());
    var servers = out.servers().collectAsync();
    var steeringOut = out.steering().collectAsync();
    var changes = out.healthChanges().collectAsync();
    var late = out.late().collectAsync();
    env.execute("cdn health test");

    List<CdnServerMetric> s = drain(servers);
    CdnServerMetric oca1 = only(s, m -> m.getServerId().equals("oca-1"));
    assertThat(oca1.getWindowStart()).isEqualTo(EIGHT_PM);
    assertThat(oca1.getChosen()).isEqualTo(3);
    assertThat(oca1.getTrafficShare()).isEqualTo(0.75);
    assertThat(oca1.getFallbackChosen()).isEqualTo(1);
    assertThat(oca1.getHealthReports()).isEqualTo(2);
    assertThat(oca1.getMeanLoad()).isEqualTo(0.5);
    assertThat(oca1.getMaxLoad()).isEqualTo(0.6);
    assertThat(oca1.getActiveSessions()).isEqualTo(120);
    assertThat(oca1.getHealthy()).isTrue();
    CdnServerMetric oca2 =
        only(s, m -> m.getServerId().equals("oca-2") && m.getWindowStart().equals(EIGHT_PM));
    assertThat(oca2.getTrafficShare()).isEqualTo(0.25);
    assertThat(oca2.getHealthy()).isFalse();
    assertThat(oca2.getUnhealthyReports()).isEqualTo(1);
    CdnServerMetric oca3 = only(s, m -> m.getServerId().equals("oca-3"));
    assertThat(oca3.getChosen()).isZero();
    assertThat(oca3.getTrafficShare()).isZero();
    CdnServerMetric oca2Later =
        only(s, m -> m.getServerId().equals("oca-2") && m.getWindowStart().equals(sec(10)));
    assertThat(oca2Later.getTrafficShare()).isZero(); // no decisions in that window
    assertThat(oca2Later.getHealthy()).isTrue();

    List<SteeringMetric> st = drain(steeringOut);
    assertThat(st)
        .extracting(
            SteeringMetric::getDecisions,
            SteeringMetric::getFallbackDecisions,
            SteeringMetric::getFallbackRate,
            SteeringMetric::getServersChosen)
        .containsExactly(tuple(4L, 1L, 0.25, 2));

    List<CdnServerHealthChanged> flips = drain(changes);
    assertThat(flips)
        .extracting(
            CdnServerHealthChanged::getServerId,
            CdnServerHealthChanged::getHealthy,
            c -> c.getChangedAt())
        .containsExactlyInAnyOrder(tuple("oca-2", false, sec(2)), tuple("oca-2", true, sec(13)));
    assertThat(drain(late))
        .extracting(r -> r.header(LateEvents.JOB))
        .containsExactly(CdnHealthJob.NAME);
  }

  @Test
  void sessionizerSummarisesStoppedFailedAndTimedOutSessions() throws Exception {
    List<RawEvent> input = new ArrayList<>();
    input.add(raw(started("s-1", "US", "tv", "comcast", "oca-1", 700, sec(0))));
    input.add(raw(started("s-2", "DE", "web", "telekom", "oca-2", 900, sec(1))));
    input.add(raw(started("s-3", "FR", "tv", "orange", "oca-3", 500, sec(2))));
    input.add(raw(heartbeat("s-1", "oca-1", 5000, 30_000, 0, 0, sec(30))));
    input.add(raw(heartbeat("s-2", "oca-2", 3000, 30_000, 2, 2_000, sec(31))));
    input.add(raw(error("s-3", "FR", "tv", true, "DRM_LICENSE", sec(32))));
    input.add(raw(stopped("s-1", StopReason.USER_STOPPED, 40, sec(40))));
    // s-2 says nothing more: times out 90 s after its last event (end of input fires it)

    StreamExecutionEnvironment env = env();
    SessionizerJob.Outputs out = SessionizerJob.build(source(env, input), new MetricsJobsOptions());
    var sessions = out.sessions().collectAsync();
    env.execute("sessionizer test");

    List<PlaybackSessionSummary> all = drain(sessions);
    assertThat(all)
        .extracting(
            PlaybackSessionSummary::getSessionId,
            PlaybackSessionSummary::getEndReason,
            s -> s.getEndedAt(),
            PlaybackSessionSummary::getWatchSeconds)
        .containsExactlyInAnyOrder(
            tuple("s-1", SessionEndReason.STOPPED, sec(40), 40L),
            tuple("s-2", SessionEndReason.TIMEOUT, sec(31), 30L),
            tuple("s-3", SessionEndReason.ERROR, sec(32), 0L));
    PlaybackSessionSummary s2 = only(all, s -> s.getSessionId().equals("s-2"));
    assertThat(s2.getRebufferSeconds()).isEqualTo(2.0);
    assertThat(s2.getIsp()).isEqualTo("telekom");
    assertThat(s2.getMeanBitrateKbps()).isEqualTo(3000.0);
    assertThat(only(all, s -> s.getSessionId().equals("s-3")).getFatalError())
        .isEqualTo("DRM_LICENSE");
  }

  @Test
  void optionsRejectAnAlertWindowThatIsNotAnSpsWindow() {
    MetricsJobsOptions o = new MetricsJobsOptions();
    o.alertWindow = Duration.ofSeconds(5);
    org.assertj.core.api.Assertions.assertThatThrownBy(o::validate)
        .hasMessageContaining("--alert-window");
    assertThat(Instant.EPOCH).isNotNull();
  }
}
