package io.playstream.jobs.sessions;

import io.playstream.events.PlaybackSessionSummary;
import io.playstream.events.SessionEndReason;
import io.playstream.events.StopReason;
import io.playstream.jobs.MetricIds;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Summarises each playback session (keyed by session id) once it ends or times out, in event time.
 *
 * <ul>
 *   <li>A stop or a fatal error ends the session; the summary is emitted when the watermark passes
 *       the end (timer at the end time), so events of the session that arrive out of order within
 *       the watermark's bound are still counted.
 *   <li>A session without an event for {@code timeout} (event time after its last event) is
 *       summarised as TIMEOUT.
 *   <li>After the summary the state shrinks to a tombstone for another {@code timeout}, so stray
 *       events of the finished session are counted ({@code eventsAfterSessionEnd}) instead of
 *       opening a bogus new session; then everything is cleared. One timer per key at any time.
 * </ul>
 */
public final class SessionizerFunction
    extends KeyedProcessFunction<String, SessionSignal, PlaybackSessionSummary> {
  private static final long serialVersionUID = 1L;

  private final String job;
  private final long timeoutMs;
  private transient ValueState<SessionState> state;
  private transient Counter summaries;
  private transient Counter timeouts;
  private transient Counter afterEnd;

  public SessionizerFunction(String job, Duration timeout) {
    this.job = job;
    this.timeoutMs = timeout.toMillis();
  }

  @Override
  public void open(OpenContext ctx) {
    state = getRuntimeContext().getState(new ValueStateDescriptor<>("session", SessionState.class));
    var metrics = getRuntimeContext().getMetricGroup();
    summaries = metrics.counter("sessionSummaries");
    timeouts = metrics.counter("sessionTimeouts");
    afterEnd = metrics.counter("eventsAfterSessionEnd");
  }

  @Override
  public void processElement(SessionSignal e, Context ctx, Collector<PlaybackSessionSummary> out)
      throws Exception {
    SessionState s = state.value();
    if (s != null && s.summarized) {
      afterEnd.inc();
      return;
    }
    if (s == null) {
      s = new SessionState();
      s.sessionId = e.sessionId;
    }
    apply(s, e);
    long due = s.endAt >= 0 ? s.endAt : s.lastEventAt + timeoutMs;
    reschedule(ctx, s, due);
    state.update(s);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<PlaybackSessionSummary> out)
      throws Exception {
    SessionState s = state.value();
    if (s == null || timestamp != s.timerAt) {
      return;
    }
    if (s.summarized) {
      state.clear();
      return;
    }
    if (s.endReason == null) {
      timeouts.inc();
    }
    summaries.inc();
    out.collect(summary(job, s));
    SessionState tombstone = new SessionState();
    tombstone.sessionId = s.sessionId;
    tombstone.summarized = true;
    tombstone.timerAt = timestamp + timeoutMs;
    ctx.timerService().registerEventTimeTimer(tombstone.timerAt);
    state.update(tombstone);
  }

  private static void reschedule(Context ctx, SessionState s, long due) {
    if (due == s.timerAt) {
      return;
    }
    if (s.timerAt != Long.MIN_VALUE) {
      ctx.timerService().deleteEventTimeTimer(s.timerAt);
    }
    ctx.timerService().registerEventTimeTimer(due);
    s.timerAt = due;
  }

  /** Folds one event into the session. Order-independent except for "latest server wins". */
  static void apply(SessionState s, SessionSignal e) {
    if (s.profileId == null) {
      s.profileId = e.profileId;
    }
    if (s.titleId == null) {
      s.titleId = e.titleId;
    }
    s.firstEventAt = Math.min(s.firstEventAt, e.time);
    s.lastEventAt = Math.max(s.lastEventAt, e.time);
    if (e.cdnServerId != null && e.time >= s.cdnServerAt) {
      s.cdnServerId = e.cdnServerId;
      s.cdnServerAt = e.time;
    }
    if (e.country != null && (s.country == null || e.kind == SessionSignal.Kind.STARTED)) {
      s.country = e.country;
    }
    if (e.deviceType != null && (s.deviceType == null || e.kind == SessionSignal.Kind.STARTED)) {
      s.deviceType = e.deviceType;
    }
    switch (e.kind) {
      case STARTED -> {
        s.startedAt = e.time;
        s.isp = e.isp;
        s.startupLatencyMs = e.startupLatencyMs;
        s.initialBitrateKbps = e.bitrateKbps;
      }
      case HEARTBEAT -> {
        s.heartbeats++;
        s.watchMs += e.intervalMs;
        s.rebufferCount += e.rebufferCount;
        s.rebufferMs += e.rebufferMs;
        long weight = Math.max(1, e.intervalMs);
        s.bitrateWeightedSum += (double) e.bitrateKbps * weight;
        s.bitrateWeight += weight;
      }
      case STOPPED -> {
        s.stopReason = e.stopReason;
        s.watchedSeconds = e.watchedSeconds;
      }
      case ERROR -> {
        s.errorCount++;
        if (e.fatal && s.fatalError == null) {
          s.fatalError = e.errorCode;
        }
      }
    }
    if (e.ends() && (s.endAt < 0 || e.time < s.endAt)) {
      s.endAt = e.time;
      s.endReason = e.kind == SessionSignal.Kind.STOPPED ? "STOPPED" : "ERROR";
    }
  }

  /** The summary of a session that ended (or timed out, when {@code endReason} is null). */
  static PlaybackSessionSummary summary(String job, SessionState s) {
    boolean ended = s.endReason != null;
    long endedAt = ended ? s.endAt : s.lastEventAt;
    Double bitrate =
        s.bitrateWeight > 0
            ? s.bitrateWeightedSum / s.bitrateWeight
            : s.initialBitrateKbps >= 0 ? (double) s.initialBitrateKbps : null;
    return PlaybackSessionSummary.newBuilder()
        .setHeader(
            MetricIds.header(job, MetricIds.session(s.sessionId), Instant.ofEpochMilli(endedAt)))
        .setSessionId(s.sessionId)
        .setProfileId(s.profileId)
        .setTitleId(s.titleId)
        .setCountry(s.country)
        .setDeviceType(s.deviceType)
        .setIsp(s.isp)
        .setCdnServerId(s.cdnServerId)
        .setStartedAt(Instant.ofEpochMilli(s.startedAt >= 0 ? s.startedAt : s.firstEventAt))
        .setEndedAt(Instant.ofEpochMilli(endedAt))
        .setEndReason(ended ? SessionEndReason.valueOf(s.endReason) : SessionEndReason.TIMEOUT)
        .setStopReason(s.stopReason == null ? null : StopReason.valueOf(s.stopReason))
        .setStartupLatencyMs(s.startupLatencyMs >= 0 ? s.startupLatencyMs : null)
        .setWatchSeconds(s.watchedSeconds >= 0 ? s.watchedSeconds : s.watchMs / 1000)
        .setHeartbeatCount(s.heartbeats)
        .setRebufferCount(s.rebufferCount)
        .setRebufferSeconds(s.rebufferMs / 1000.0)
        .setMeanBitrateKbps(bitrate)
        .setErrorCount(s.errorCount)
        .setFatalError(s.fatalError)
        .build();
  }
}
