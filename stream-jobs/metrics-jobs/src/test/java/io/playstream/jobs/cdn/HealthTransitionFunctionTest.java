package io.playstream.jobs.cdn;

import static io.playstream.jobs.Fixtures.health;
import static io.playstream.jobs.Fixtures.sec;
import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.events.CdnServerHealth;
import io.playstream.events.CdnServerHealthChanged;
import io.playstream.schemas.Events;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class HealthTransitionFunctionTest {
  private static KeyedOneInputStreamOperatorTestHarness<
          String, CdnServerHealth, CdnServerHealthChanged>
      harness() throws Exception {
    var h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                new HealthTransitionFunction("test", Duration.ofMinutes(10))),
            CdnServerHealth::getServerId,
            Types.STRING);
    h.open();
    return h;
  }

  private static void send(
      KeyedOneInputStreamOperatorTestHarness<String, CdnServerHealth, CdnServerHealthChanged> h,
      CdnServerHealth r)
      throws Exception {
    h.processElement(r, Events.header(r).getEventTime().toEpochMilli());
  }

  @Test
  void emitsOnEveryFlipAndIgnoresOutOfOrderReports() throws Exception {
    try (var h = harness()) {
      send(h, health("oca-1", 0.4, true, 100, sec(0)));
      send(h, health("oca-1", 0.5, true, 110, sec(5)));
      assertThat(h.extractOutputValues()).isEmpty();
      send(h, health("oca-1", 0.99, false, 0, sec(10)));
      send(h, health("oca-1", 0.3, true, 0, sec(7))); // older than the last: ignored
      send(h, health("oca-1", 0.99, false, 0, sec(15)));
      send(h, health("oca-1", 0.2, true, 50, sec(20)));

      List<CdnServerHealthChanged> out = h.extractOutputValues();
      assertThat(out)
          .extracting(CdnServerHealthChanged::getHealthy, c -> c.getChangedAt())
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(false, sec(10)),
              org.assertj.core.groups.Tuple.tuple(true, sec(20)));
      assertThat(out.get(0).getPreviousReportAt()).isEqualTo(sec(5));
      assertThat(out.get(0).getLoad()).isEqualTo(0.99);
      assertThat(out.get(1).getPreviousReportAt()).isEqualTo(sec(15));
    }
  }

  @Test
  void aServerFirstSeenUnhealthyIsReportedAndSilentServersAreForgotten() throws Exception {
    try (var h = harness()) {
      send(h, health("oca-2", 0.99, false, 0, sec(0)));
      send(h, health("oca-3", 0.1, true, 0, sec(1)));
      List<CdnServerHealthChanged> out = h.extractOutputValues();
      assertThat(out).hasSize(1);
      assertThat(out.get(0).getServerId()).isEqualTo("oca-2");
      assertThat(out.get(0).getPreviousReportAt()).isNull();
      assertThat(h.numKeyedStateEntries()).isEqualTo(2);

      h.processWatermark(new Watermark(sec(1).plusSeconds(600).toEpochMilli()));
      assertThat(h.numKeyedStateEntries()).isZero();
      assertThat(h.numEventTimeTimers()).isZero();
    }
  }
}
