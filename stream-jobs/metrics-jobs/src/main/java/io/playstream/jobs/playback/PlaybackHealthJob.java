package io.playstream.jobs.playback;

import io.playstream.events.PlaybackError;
import io.playstream.events.PlaybackHeartbeat;
import io.playstream.events.PlaybackQualityMetric;
import io.playstream.events.PlaybackStarted;
import io.playstream.events.SpsAlert;
import io.playstream.events.SpsMetric;
import io.playstream.flink.DeadLetter;
import io.playstream.flink.Demuxed;
import io.playstream.flink.EventDemux;
import io.playstream.flink.RawEvent;
import io.playstream.jobs.MetricsJobsOptions;
import io.playstream.jobs.window.LateEventGate;
import io.playstream.jobs.window.LateEvents;
import io.playstream.jobs.window.LocalWindowReducer;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The playback-health job graph: stream starts per second and play-failure rate per country and
 * device type in 1 s and 10 s event-time tumbling windows, startup-latency percentiles per CDN
 * server and per ISP (merged HdrHistograms), rebuffer ratio and mean bitrate per CDN server from
 * heartbeats, and SPS drop alerts per country.
 *
 * <p>A pure builder: it takes the timestamped raw stream of the route topic (event time and
 * watermarks already assigned, see {@code PlatformSources.eventTime}) and returns the output
 * streams; the main attaches Kafka (and Elasticsearch) sinks, tests attach collecting sinks.
 *
 * <p>Shape: late gate → decode → per-event partials → local pre-aggregation per window and key
 * (heap, flushed on watermarks and before checkpoint barriers) → keyBy → event-time window merging
 * the partials (keyed state, RocksDB in production) → metric events.
 */
public final class PlaybackHealthJob {
  /** Job name; also the consumer group, transactional-id and uid prefix. */
  public static final String NAME = "playback-health";

  static final OutputTag<SpsCounts> LATE_SPS =
      new OutputTag<>("late-sps-partials", TypeInformation.of(SpsCounts.class));
  static final OutputTag<QualityPartial> LATE_QUALITY =
      new OutputTag<>("late-quality-partials", TypeInformation.of(QualityPartial.class));

  private PlaybackHealthJob() {}

  /**
   * The job's outputs.
   *
   * @param sps1s SpsMetric of the 1 s windows
   * @param sps10s SpsMetric of the 10 s windows
   * @param quality PlaybackQualityMetric per CDN server and ISP
   * @param alerts SpsAlert opened / resolved
   * @param late late raw records with their late headers (to the late topic)
   * @param deadLetters records that could not be decoded (to the DLQ)
   */
  public record Outputs(
      DataStream<SpsMetric> sps1s,
      DataStream<SpsMetric> sps10s,
      DataStream<PlaybackQualityMetric> quality,
      DataStream<SpsAlert> alerts,
      DataStream<RawEvent> late,
      DataStream<DeadLetter> deadLetters) {

    /** Both SPS window sizes, for the SPS topic. */
    public DataStream<SpsMetric> sps() {
      return sps1s.union(sps10s);
    }
  }

  /** Builds the graph on a raw stream that already carries event-time timestamps and watermarks. */
  public static Outputs build(DataStream<RawEvent> timestamped, MetricsJobsOptions o) {
    o.validate();
    SingleOutputStreamOperator<RawEvent> gated =
        timestamped.process(new LateEventGate(NAME)).name("late gate").uid(NAME + "-late-gate");
    Demuxed events =
        EventDemux.split(
            gated, NAME, PlaybackStarted.class, PlaybackError.class, PlaybackHeartbeat.class);
    DataStream<PlaybackStarted> starts = events.of(PlaybackStarted.class);
    DataStream<PlaybackError> errors = events.of(PlaybackError.class);
    DataStream<PlaybackHeartbeat> heartbeats = events.of(PlaybackHeartbeat.class);

    // --- SPS and play failures per country x device, 1 s and 10 s ---
    // Each input is pre-aggregated in its own chained operator: an operator with two inputs (a
    // union) cannot be chained, and would cost a serialization hop per event.
    TypeInformation<SpsCounts> countsType = TypeInformation.of(SpsCounts.class);
    DataStream<SpsCounts> perSecond =
        preAggregateSps(
                starts.map(SpsCounts::of).returns(countsType).name("stream starts"), "starts")
            .union(
                preAggregateSps(
                    errors
                        .flatMap(PlaybackHealthJob::failures)
                        .returns(countsType)
                        .name("play failures"),
                    "failures"));
    SingleOutputStreamOperator<SpsMetric> sps1s = spsWindow(perSecond, Duration.ofSeconds(1));
    SingleOutputStreamOperator<SpsMetric> sps10s = spsWindow(perSecond, Duration.ofSeconds(10));

    // --- SPS alerts per country ---
    DataStream<SpsMetric> alertInput = o.alertWindow.toMillis() == 1_000L ? sps1s : sps10s;
    SingleOutputStreamOperator<SpsAlert> alerts =
        alertInput
            .keyBy(m -> m.getCountry(), Types.STRING)
            .process(
                new SpsAlertFunction(
                    NAME,
                    o.alertWindow,
                    o.alertDropShare,
                    o.alertDuration,
                    o.alertBaselineHalfLife,
                    o.alertWarmup,
                    o.alertMinBaselineSps))
            .name("sps alerts")
            .uid(NAME + "-sps-alerts");

    // --- startup latency percentiles, rebuffer ratio, bitrate per server / ISP ---
    TypeInformation<QualityPartial> qualityType = TypeInformation.of(QualityPartial.class);
    long qualityMs = o.qualityWindow.toMillis();
    DataStream<QualityPartial> qualityPartials =
        preAggregateQuality(
                starts
                    .flatMap(PlaybackHealthJob::latencySamples)
                    .returns(qualityType)
                    .name("latency samples"),
                qualityMs,
                "starts",
                QualityPartial::key)
            .union(
                preAggregateQuality(
                    heartbeats
                        .map(QualityPartial::of)
                        .returns(qualityType)
                        .name("heartbeat samples"),
                    qualityMs,
                    "heartbeats",
                    // heartbeat partials are all CDN_SERVER: the server id alone is unique here
                    p -> p.value));
    SingleOutputStreamOperator<PlaybackQualityMetric> quality =
        qualityWindow(qualityPartials, o.qualityWindow);

    return new Outputs(
        sps1s, sps10s, quality, alerts, gated.getSideOutput(LateEvents.TAG), events.deadLetters());
  }

  private static DataStream<SpsCounts> preAggregateSps(
      SingleOutputStreamOperator<SpsCounts> partials, String input) {
    return partials
        .uid(NAME + "-sps-" + input)
        .transform(
            "pre-aggregate sps 1s (" + input + ")",
            TypeInformation.of(SpsCounts.class),
            new LocalWindowReducer<>(1_000L, SpsCounts::key, SpsCounts::merge, c -> c, LATE_SPS))
        .uid(NAME + "-sps-preagg-" + input);
  }

  private static DataStream<QualityPartial> preAggregateQuality(
      SingleOutputStreamOperator<QualityPartial> partials,
      long windowMs,
      String input,
      KeySelector<QualityPartial, String> localKey) {
    return partials
        .uid(NAME + "-quality-" + input)
        .transform(
            "pre-aggregate quality (" + input + ")",
            TypeInformation.of(QualityPartial.class),
            new LocalWindowReducer<>(
                windowMs, localKey, QualityPartial::merge, QualityPartial::seal, LATE_QUALITY))
        .uid(NAME + "-quality-preagg-" + input);
  }

  /** The keyed window merging quality partials of one server or ISP into its metric. */
  static SingleOutputStreamOperator<PlaybackQualityMetric> qualityWindow(
      DataStream<QualityPartial> partials, Duration size) {
    return partials
        .keyBy(QualityPartial::key, Types.STRING)
        .window(TumblingEventTimeWindows.of(size))
        .reduce(QualityPartial::mergeSealed, new QualityWindowFunction(NAME))
        .name("quality window " + size.toSeconds() + "s")
        .uid(NAME + "-quality-window");
  }

  /** The keyed window merging SPS partials of one country and device into its metric. */
  static SingleOutputStreamOperator<SpsMetric> spsWindow(
      DataStream<SpsCounts> partials, Duration size) {
    String label = size.toSeconds() + "s";
    return partials
        .keyBy(SpsCounts::key, Types.STRING)
        .window(TumblingEventTimeWindows.of(size))
        .reduce(SpsCounts::merge, new SpsWindowFunction(NAME))
        .name("sps window " + label)
        .uid(NAME + "-sps-window-" + label);
  }

  private static void failures(PlaybackError e, Collector<SpsCounts> out) {
    SpsCounts c = SpsCounts.ofFailure(e);
    if (c != null) {
      out.collect(c);
    }
  }

  private static void latencySamples(PlaybackStarted s, Collector<QualityPartial> out) {
    for (QualityPartial p : QualityPartial.of(s)) {
      out.collect(p);
    }
  }
}
