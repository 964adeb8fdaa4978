package io.playstream.jobs.cdn;

import io.playstream.events.CdnServerHealth;
import io.playstream.events.CdnServerHealthChanged;
import io.playstream.events.CdnServerMetric;
import io.playstream.events.SteeringDecision;
import io.playstream.events.SteeringMetric;
import io.playstream.flink.DeadLetter;
import io.playstream.flink.Demuxed;
import io.playstream.flink.EventDemux;
import io.playstream.flink.RawEvent;
import io.playstream.jobs.MetricsJobsOptions;
import io.playstream.jobs.window.LateEventGate;
import io.playstream.jobs.window.LateEvents;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/**
 * The CDN / steering health job graph: per server and event-time window its traffic share of all
 * steering decisions, fallback choices, reported load and health; the platform's steering fallback
 * rate per window; and an event whenever a server's health flips.
 *
 * <p>A pure builder on the timestamped raw stream of the route topic, like {@code
 * PlaybackHealthJob}.
 */
public final class CdnHealthJob {
  /** Job name; also the consumer group, transactional-id and uid prefix. */
  public static final String NAME = "cdn-health";

  private CdnHealthJob() {}

  /**
   * The job's outputs.
   *
   * @param servers CdnServerMetric per server and window
   * @param steering SteeringMetric per window
   * @param healthChanges CdnServerHealthChanged when a server's health flips
   * @param late late raw records (to the late topic)
   * @param deadLetters records that could not be decoded
   */
  public record Outputs(
      DataStream<CdnServerMetric> servers,
      DataStream<SteeringMetric> steering,
      DataStream<CdnServerHealthChanged> healthChanges,
      DataStream<RawEvent> late,
      DataStream<DeadLetter> deadLetters) {}

  /** Builds the graph on a raw stream that already carries event-time timestamps and watermarks. */
  public static Outputs build(DataStream<RawEvent> timestamped, MetricsJobsOptions o) {
    o.validate();
    SingleOutputStreamOperator<RawEvent> gated =
        timestamped.process(new LateEventGate(NAME)).name("late gate").uid(NAME + "-late-gate");
    Demuxed events = EventDemux.split(gated, NAME, SteeringDecision.class, CdnServerHealth.class);
    DataStream<SteeringDecision> decisions = events.of(SteeringDecision.class);
    DataStream<CdnServerHealth> reports = events.of(CdnServerHealth.class);

    TypeInformation<CdnServerAgg> aggType = TypeInformation.of(CdnServerAgg.class);
    DataStream<CdnServerAgg> partials =
        decisions
            .map(CdnServerAgg::of)
            .returns(aggType)
            .name("steering choices")
            .uid(NAME + "-choices")
            .union(
                reports
                    .map(CdnServerAgg::of)
                    .returns(aggType)
                    .name("health reports")
                    .uid(NAME + "-reports"));
    SingleOutputStreamOperator<CdnServerMetric> servers =
        partials
            .keyBy(a -> a.serverId, Types.STRING)
            .window(TumblingEventTimeWindows.of(o.cdnWindow))
            .reduce(CdnServerAgg::merge, new CdnWindowFunction())
            .name("cdn server window " + o.cdnWindow.toSeconds() + "s")
            .uid(NAME + "-server-window")
            .windowAll(TumblingEventTimeWindows.of(o.cdnWindow))
            .process(new CdnShareFunction(NAME))
            .name("traffic share " + o.cdnWindow.toSeconds() + "s")
            .uid(NAME + "-traffic-share");

    SingleOutputStreamOperator<CdnServerHealthChanged> changes =
        reports
            .keyBy(r -> r.getServerId(), Types.STRING)
            .process(new HealthTransitionFunction(NAME, o.serverStateTtl))
            .name("health transitions")
            .uid(NAME + "-health-transitions");

    return new Outputs(
        servers,
        servers.getSideOutput(CdnShareFunction.STEERING),
        changes,
        gated.getSideOutput(LateEvents.TAG),
        events.deadLetters());
  }
}
