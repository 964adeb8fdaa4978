package io.playstream.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.events.StopReason;
import io.playstream.events.Thumb;
import io.playstream.schemas.EventType;
import io.playstream.simulator.model.Action;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class ReportCounterTest {
  private static final Action.Playback SESSION =
      new Action.Playback(
          "s-1", "a-1", "p-1", "t-1", "tv", "US", "us-east", "comcast", "198.18.0.1", "oca-1");
  private static final Action PLAY =
      new Action.RequestPlay(
          0, SESSION, true, List.of(new Action.Candidate("oca-1", 1, 0.9)), false);
  private static final Action STARTED = new Action.ReportStarted(1, SESSION, 900, 3000);
  private static final Action HEARTBEAT =
      new Action.SendHeartbeat(2, SESSION, 30_000, 4300, 20_000, 0, 0, 1, 30_000);
  private static final Action STOP =
      new Action.StopPlayback(3, SESSION, StopReason.USER_STOPPED, 60, 60_000);
  private static final Action ERROR = new Action.ReportError(3, SESSION, "DECODER", false, "x");
  private static final Action ROW =
      new Action.ShowRow(0, "a-1", "p-1", "trending", List.of("t-1"), "US", "tv");
  private static final Action RATING = new Action.RateTitle(4, "a-1", "p-1", "t-1", Thumb.UP, "US");
  private static final Action HEALTH =
      new Action.ReportCdnHealth(0, "oca-1", "us-east", 0.4, true, 40_000, 12);

  @Test
  void eachAcceptedCallCountsOneEventOfItsType() {
    ReportCounter c = new ReportCounter();
    c.answered(ROW, 202, false);
    c.answered(STARTED, 202, false);
    c.answered(HEARTBEAT, 202, false);
    c.answered(HEARTBEAT, 202, false);
    c.answered(ERROR, 202, false);
    c.answered(STOP, 202, false);
    c.answered(RATING, 202, false);
    c.answered(HEALTH, 202, false);
    assertThat(c.expectedEvents())
        .containsEntry("Impression", 1L)
        .containsEntry("PlaybackStarted", 1L)
        .containsEntry("PlaybackHeartbeat", 2L)
        .containsEntry("PlaybackError", 1L)
        .containsEntry("PlaybackStopped", 1L)
        .containsEntry("Rating", 1L)
        .containsEntry("CdnServerHealth", 1L)
        .containsEntry("SteeringDecision", 0L);
    assertThat(c.totalRejected()).isZero();
    assertThat(c.totalFailed()).isZero();
  }

  @Test
  void aPlayCountsASteeringDecisionOnlyWithoutFallback() {
    ReportCounter c = new ReportCounter();
    c.answered(PLAY, 200, false);
    c.answered(PLAY, 200, true);
    c.answered(PLAY, 200, false);
    assertThat(c.expected(EventType.STEERING_DECISION)).isEqualTo(2);
    assertThat(c.steeringFallbacks()).isEqualTo(1);
  }

  @Test
  void refusalsCountByStatusAndFailuresByStatusOrException() {
    ReportCounter c = new ReportCounter();
    c.answered(PLAY, 451, false);
    c.answered(PLAY, 451, false);
    c.answered(HEARTBEAT, 404, false);
    c.answered(STARTED, 401, false);
    c.answered(HEARTBEAT, 503, false);
    c.failed(new CompletionException(new ConnectException("refused")));
    c.failed(new HttpTimeoutException("slow"));
    c.failed(new IOException("reset"));
    assertThat(c.rejectedByStatus())
        .containsExactly(Map.entry("401", 1L), Map.entry("404", 1L), Map.entry("451", 2L));
    assertThat(c.failedByReason())
        .containsEntry("503", 1L)
        .containsEntry("ConnectException", 1L)
        .containsEntry("HttpTimeoutException", 1L)
        .containsEntry("IOException", 1L);
    assertThat(c.totalRejected()).isEqualTo(4);
    assertThat(c.totalFailed()).isEqualTo(4);
    assertThat(c.expectedEvents().values()).allMatch(n -> n == 0);
  }

  @Test
  void expectedEventsListEverySimulatedTypeInReportOrder() {
    assertThat(new ReportCounter().expectedEvents().keySet())
        .containsExactly(
            "Impression",
            "SteeringDecision",
            "PlaybackStarted",
            "PlaybackHeartbeat",
            "PlaybackError",
            "PlaybackStopped",
            "Rating",
            "CdnServerHealth");
  }
}
