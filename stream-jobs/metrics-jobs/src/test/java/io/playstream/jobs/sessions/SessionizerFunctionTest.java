package io.playstream.jobs.sessions;

import static io.playstream.jobs.Fixtures.error;
import static io.playstream.jobs.Fixtures.heartbeat;
import static io.playstream.jobs.Fixtures.sec;
import static io.playstream.jobs.Fixtures.started;
import static io.playstream.jobs.Fixtures.stopped;
import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.events.PlaybackSessionSummary;
import io.playstream.events.SessionEndReason;
import io.playstream.events.StopReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Session timeout 90 s. */
class SessionizerFunctionTest {
  private static final Instant STARTED = sec(0);
  private static final Instant FIRST_BEAT = sec(30);
  private static final Instant SECOND_BEAT = sec(60);
  private static final Instant STOPPED = sec(75);

  private KeyedOneInputStreamOperatorTestHarness<String, SessionSignal, PlaybackSessionSummary> h;

  @BeforeEach
  void open() throws Exception {
    h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new SessionizerFunction("test", Duration.ofSeconds(90))),
            s -> s.sessionId,
            Types.STRING);
    h.open();
  }

  @AfterEach
  void close() throws Exception {
    h.close();
  }

  private void send(SessionSignal s) throws Exception {
    h.processElement(s, s.time);
  }

  private void watermark(Instant at) throws Exception {
    h.processWatermark(new Watermark(at.toEpochMilli()));
  }

  @Test
  void aStoppedSessionIsSummarisedWhenTheWatermarkPassesTheStopWithLateBeatsIncluded()
      throws Exception {
    send(SessionSignal.of(started("s-1", "US", "tv", "comcast", "oca-1", 850, STARTED)));
    send(SessionSignal.of(heartbeat("s-1", "oca-1", 4000, 30_000, 1, 500, FIRST_BEAT)));
    send(SessionSignal.of(stopped("s-1", StopReason.USER_STOPPED, 74, STOPPED)));
    watermark(sec(70));
    assertThat(h.extractOutputValues()).isEmpty(); // the stop is not final before the watermark
    // out of order but before the watermark passed the stop: still part of the session
    send(SessionSignal.of(heartbeat("s-1", "oca-2", 2000, 30_000, 2, 1_500, SECOND_BEAT)));
    send(SessionSignal.of(error("s-1", "US", "tv", false, "DECODER", sec(50))));
    watermark(STOPPED);

    List<PlaybackSessionSummary> out = h.extractOutputValues();
    assertThat(out).hasSize(1);
    PlaybackSessionSummary s = out.get(0);
    assertThat(s.getSessionId()).isEqualTo("s-1");
    assertThat(s.getProfileId()).isEqualTo("p-s-1");
    assertThat(s.getCountry()).isEqualTo("US");
    assertThat(s.getDeviceType()).isEqualTo("tv");
    assertThat(s.getIsp()).isEqualTo("comcast");
    assertThat(s.getCdnServerId()).isEqualTo("oca-2"); // the latest heartbeat's server
    assertThat(s.getStartedAt()).isEqualTo(STARTED);
    assertThat(s.getEndedAt()).isEqualTo(STOPPED);
    assertThat(s.getEndReason()).isEqualTo(SessionEndReason.STOPPED);
    assertThat(s.getStopReason()).isEqualTo(StopReason.USER_STOPPED);
    assertThat(s.getStartupLatencyMs()).isEqualTo(850);
    assertThat(s.getWatchSeconds()).isEqualTo(74);
    assertThat(s.getHeartbeatCount()).isEqualTo(2);
    assertThat(s.getRebufferCount()).isEqualTo(3);
    assertThat(s.getRebufferSeconds()).isEqualTo(2.0);
    assertThat(s.getMeanBitrateKbps()).isEqualTo(3000.0);
    assertThat(s.getErrorCount()).isEqualTo(1);
    assertThat(s.getFatalError()).isNull();
    assertThat(s.getHeader().getEventTime()).isEqualTo(STOPPED);
  }

  @Test
  void aSilentSessionTimesOutAfterItsLastEvent() throws Exception {
    send(SessionSignal.of(started("s-2", "DE", "mobile", "telekom", "oca-9", 400, STARTED)));
    send(SessionSignal.of(heartbeat("s-2", "oca-9", 3000, 30_000, 0, 0, FIRST_BEAT)));
    watermark(FIRST_BEAT.plusSeconds(89));
    assertThat(h.extractOutputValues()).isEmpty();
    watermark(FIRST_BEAT.plusSeconds(90));

    List<PlaybackSessionSummary> out = h.extractOutputValues();
    assertThat(out).hasSize(1);
    assertThat(out.get(0).getEndReason()).isEqualTo(SessionEndReason.TIMEOUT);
    assertThat(out.get(0).getEndedAt()).isEqualTo(FIRST_BEAT);
    assertThat(out.get(0).getStopReason()).isNull();
    assertThat(out.get(0).getWatchSeconds()).isEqualTo(30); // from heartbeat intervals
  }

  @Test
  void aFatalErrorEndsTheSessionAndAStartlessSessionStillSummarises() throws Exception {
    send(SessionSignal.of(heartbeat("s-3", "oca-1", 1000, 30_000, 0, 0, FIRST_BEAT)));
    send(SessionSignal.of(error("s-3", "FR", "web", true, "NETWORK_TIMEOUT", sec(40))));
    watermark(sec(40));
    List<PlaybackSessionSummary> out = h.extractOutputValues();
    assertThat(out).hasSize(1);
    PlaybackSessionSummary s = out.get(0);
    assertThat(s.getEndReason()).isEqualTo(SessionEndReason.ERROR);
    assertThat(s.getFatalError()).isEqualTo("NETWORK_TIMEOUT");
    assertThat(s.getStartedAt()).isEqualTo(FIRST_BEAT); // no start seen: first event
    assertThat(s.getCountry()).isEqualTo("FR"); // from the error
    assertThat(s.getIsp()).isNull();
    assertThat(s.getStartupLatencyMs()).isNull();
  }

  @Test
  void strayEventsAfterTheSummaryAreSwallowedThenStateAndTimersAreCleared() throws Exception {
    send(SessionSignal.of(started("s-4", "US", STARTED)));
    send(SessionSignal.of(stopped("s-4", StopReason.COMPLETED, 10, sec(10))));
    watermark(sec(10));
    assertThat(h.extractOutputValues()).hasSize(1);
    assertThat(h.numKeyedStateEntries()).isEqualTo(1); // the tombstone
    assertThat(h.numEventTimeTimers()).isEqualTo(1);

    send(SessionSignal.of(heartbeat("s-4", "oca-1", 1000, 30_000, 0, 0, sec(12))));
    watermark(sec(10 + 90));
    assertThat(h.extractOutputValues()).hasSize(1); // no second (bogus) summary
    assertThat(h.numKeyedStateEntries()).isZero();
    assertThat(h.numEventTimeTimers()).isZero();
  }

  @Test
  void keepsExactlyOneTimerPerSessionAsEventsArrive() throws Exception {
    send(SessionSignal.of(started("s-5", "US", STARTED)));
    send(SessionSignal.of(heartbeat("s-5", "oca-1", 1000, 30_000, 0, 0, FIRST_BEAT)));
    send(SessionSignal.of(heartbeat("s-5", "oca-1", 1000, 30_000, 0, 0, SECOND_BEAT)));
    assertThat(h.numEventTimeTimers()).isEqualTo(1);
    watermark(SECOND_BEAT.plusSeconds(90));
    assertThat(h.extractOutputValues()).hasSize(1);
  }
}
