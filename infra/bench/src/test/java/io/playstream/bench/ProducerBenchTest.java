package io.playstream.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProducerBenchTest {
  /**
   * What ProducerPerformance 4.3.1 prints with --warmup-records (lines as seen on this machine).
   */
  private static final String PRODUCER_PERFORMANCE_OUTPUT =
      """
      Warmup first 500000 records. Steady state results will print after the complete test summary.
      343157 records sent, 342130.6 records/sec (63.62 MB/sec), 15.1 ms avg latency, 66.0 ms max latency.
      In steady state.
      364463 records sent, 363011.0 records/sec (67.51 MB/sec), 13.9 ms avg latency, 188.0 ms max latency.
      1500000 records sent, 245178.162798 records/sec (45.59 MB/sec), 60.84 ms avg latency, 944.00 ms max latency, 13 ms 50th, 435 ms 95th, 668 ms 99th, 693 ms 99.9th.
      1000000 steady state records sent, 251698.968034 records/sec (46.81 MB/sec), 83.75 ms avg latency, 694.00 ms max latency, 15 ms 50th, 638 ms 95th, 674 ms 99th, 690 ms 99.9th.
      """;

  @Test
  void theBaselineIsItsSteadyStateSummaryNotTheTotalNorAWindow() {
    assertThat(ProducerBench.parseBaseline(PRODUCER_PERFORMANCE_OUTPUT))
        .containsExactly(251698.968034, 83.75);
  }

  @Test
  void aBaselineRunWithoutSteadyStateSummaryFails() {
    String withoutWarmup =
        "1000 records sent, 500.0 records/sec (0.09 MB/sec), 3.0 ms avg latency, 9.0 ms max"
            + " latency, 3 ms 50th, 8 ms 95th, 9 ms 99th, 9 ms 99.9th.\n";
    assertThatThrownBy(() -> ProducerBench.parseBaseline(withoutWarmup))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no steady-state summary");
  }

  @Test
  void oursIsTheLoadLine() {
    String output =
        "some log line\n"
            + "LOAD records=1000000 records_per_sec=253368.8 avg_record_size=195.3"
            + " backlog_at_start=36128\n";
    assertThat(ProducerBench.parseOurs(output)).containsExactly(253368.8, 195.3, 36128.0);
  }

  @Test
  void warmUpIsFourTimesTheMeasuredRecordsAtMostAMillion() {
    assertThat(ProducerBench.warmupFor(50_000)).isEqualTo(200_000);
    assertThat(ProducerBench.warmupFor(300_000)).isEqualTo(1_000_000);
    assertThat(ProducerBench.warmupFor(1_000_000)).isEqualTo(1_000_000);
  }
}
