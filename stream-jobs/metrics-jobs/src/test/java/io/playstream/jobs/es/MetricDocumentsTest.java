package io.playstream.jobs.es;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.events.SpsAlert;
import io.playstream.events.SpsMetric;
import io.playstream.schemas.SampleEvents;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MetricDocumentsTest {
  @Test
  void spsDocumentHasADeterministicIdFromMetricWindowAndKeyAndADailyIndex() {
    SpsMetric m = SampleEvents.spsMetric();
    MetricDocument d = MetricDocuments.sps(m);
    long start = SampleEvents.SAMPLE_WINDOW_START.toEpochMilli();
    assertThat(d.id()).isEqualTo("sps-10s:US:tv:" + start);
    assertThat(d.index()).isEqualTo("playstream-metrics-sps-2026.01.01");
    assertThat(d.fields())
        .containsEntry("metric", "sps")
        .containsEntry("country", "US")
        .containsEntry("device_type", "tv")
        .containsEntry("starts", 120L)
        .containsEntry("sps", 12.0)
        .containsEntry("window_start", SampleEvents.SAMPLE_WINDOW_START)
        .containsEntry("event_time", SampleEvents.SAMPLE_WINDOW_START)
        .doesNotContainKey("header");
    // a replay (same metric, new header) gives the same document id
    SpsMetric replayed =
        SpsMetric.newBuilder(m).setHeader(SampleEvents.spsMetric().getHeader()).build();
    assertThat(MetricDocuments.sps(replayed).id()).isEqualTo(d.id());
  }

  @Test
  void qualityDocumentsLeaveTheBinarySketchOnKafka() {
    MetricDocument d = MetricDocuments.quality(SampleEvents.playbackQualityMetric());
    assertThat(d.id())
        .isEqualTo(
            "quality:CDN_SERVER:oca-us-east-1:" + SampleEvents.SAMPLE_WINDOW_START.toEpochMilli());
    assertThat(d.fields())
        .containsEntry("dimension", "CDN_SERVER")
        .containsEntry("startup_latency_p99_ms", 2_900L)
        .doesNotContainKey("startup_latency_histogram");
    assertThat(d.index()).startsWith("playstream-metrics-playback-quality-");
  }

  @Test
  void alertOpenedAndResolvedAreTwoDocumentsOfOneAlert() {
    SpsAlert opened = SampleEvents.spsAlert();
    SpsAlert resolved =
        SpsAlert.newBuilder(opened)
            .setState(io.playstream.events.AlertState.RESOLVED)
            .setResolvedAt(Instant.parse("2026-01-01T20:05:00Z"))
            .build();
    MetricDocument a = MetricDocuments.alert(opened);
    MetricDocument b = MetricDocuments.alert(resolved);
    assertThat(a.id()).isEqualTo(opened.getAlertId() + ":OPENED");
    assertThat(b.id()).isEqualTo(opened.getAlertId() + ":RESOLVED");
    assertThat(a.index()).isEqualTo("playstream-alerts-2026.01.01");
    assertThat(MetricDocuments.cdnServer(SampleEvents.cdnServerMetric()).id())
        .startsWith("cdn:oca-us-east-1:");
    assertThat(MetricDocuments.steering(SampleEvents.steeringMetric()).id())
        .startsWith("steering:");
    assertThat(MetricDocuments.healthChange(SampleEvents.cdnServerHealthChanged()).index())
        .isEqualTo("playstream-metrics-cdn-health-2026.01.01");
  }

  @Test
  void aSessionIsOneDocumentByItsIdInTheDayItEnded() {
    MetricDocument d = MetricDocuments.session(SampleEvents.sessionSummary());
    assertThat(d.id()).isEqualTo("session:s-1");
    assertThat(d.index()).isEqualTo("playstream-metrics-sessions-2026.01.01");
    assertThat(d.fields())
        .containsEntry("end_reason", "STOPPED")
        .containsEntry("stop_reason", "USER_STOPPED")
        .containsEntry("watch_seconds", 1_800L)
        .containsEntry("event_time", SampleEvents.SAMPLE_TIME);
  }
}
