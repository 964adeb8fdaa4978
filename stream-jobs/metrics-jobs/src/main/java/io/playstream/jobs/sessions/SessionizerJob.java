package io.playstream.jobs.sessions;

import io.playstream.events.PlaybackError;
import io.playstream.events.PlaybackHeartbeat;
import io.playstream.events.PlaybackSessionSummary;
import io.playstream.events.PlaybackStarted;
import io.playstream.events.PlaybackStopped;
import io.playstream.flink.DeadLetter;
import io.playstream.flink.Demuxed;
import io.playstream.flink.EventDemux;
import io.playstream.flink.RawEvent;
import io.playstream.jobs.MetricsJobsOptions;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The sessionizer job graph: one PlaybackSessionSummary per playback session when it ends (stop,
 * fatal error) or times out, for the Iceberg and Cassandra sinks.
 *
 * <p>A pure builder on the timestamped raw stream of the route topic. No late gate: a session is
 * not a window, and an out-of-order event of an open session still belongs to it (see {@link
 * SessionizerFunction}).
 */
public final class SessionizerJob {
  /** Job name; also the consumer group, transactional-id and uid prefix. */
  public static final String NAME = "sessionizer";

  private SessionizerJob() {}

  /**
   * The job's outputs.
   *
   * @param sessions one summary per session
   * @param deadLetters records that could not be decoded
   */
  public record Outputs(
      DataStream<PlaybackSessionSummary> sessions, DataStream<DeadLetter> deadLetters) {}

  /** Builds the graph on a raw stream that already carries event-time timestamps and watermarks. */
  public static Outputs build(DataStream<RawEvent> timestamped, MetricsJobsOptions o) {
    o.validate();
    Demuxed events =
        EventDemux.split(
            timestamped,
            NAME,
            PlaybackStarted.class,
            PlaybackHeartbeat.class,
            PlaybackStopped.class,
            PlaybackError.class);
    TypeInformation<SessionSignal> type = TypeInformation.of(SessionSignal.class);
    DataStream<SessionSignal> signals =
        events
            .of(PlaybackStarted.class)
            .map(SessionSignal::of)
            .returns(type)
            .name("session starts")
            .uid(NAME + "-starts")
            .union(
                events
                    .of(PlaybackHeartbeat.class)
                    .map(SessionSignal::of)
                    .returns(type)
                    .name("session heartbeats")
                    .uid(NAME + "-heartbeats"),
                events
                    .of(PlaybackStopped.class)
                    .map(SessionSignal::of)
                    .returns(type)
                    .name("session stops")
                    .uid(NAME + "-stops"),
                events
                    .of(PlaybackError.class)
                    .map(SessionSignal::of)
                    .returns(type)
                    .name("session errors")
                    .uid(NAME + "-errors"));
    SingleOutputStreamOperator<PlaybackSessionSummary> sessions =
        signals
            .keyBy(s -> s.sessionId, Types.STRING)
            .process(new SessionizerFunction(NAME, o.sessionTimeout))
            .name("sessionizer")
            .uid(NAME + "-sessions");
    return new Outputs(sessions, events.deadLetters());
  }
}
