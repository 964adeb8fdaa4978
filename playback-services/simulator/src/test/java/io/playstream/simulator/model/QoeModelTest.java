package io.playstream.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QoeModelTest {
  private static final int N = 20_000;

  @Test
  void rebufferingGrowsWithLoadAndSpikesWhenCut() {
    double idle = meanRebuffers(0.2);
    double busy = meanRebuffers(0.8);
    double cut = meanRebuffers(QoeModel.CUT_LOAD);
    assertThat(idle).isLessThan(0.03);
    assertThat(busy).isGreaterThan(2 * idle);
    assertThat(cut).isGreaterThan(0.8).isGreaterThan(5 * busy);
  }

  @Test
  void startupLatencyAndDroppedFramesGrowWithLoadAndBitrateFalls() {
    SeededRandom rng = new SeededRandom(1);
    double latencyIdle = 0;
    double latencyCut = 0;
    double bitrateIdle = 0;
    double bitrateCut = 0;
    double droppedIdle = 0;
    double droppedCut = 0;
    for (int i = 0; i < N; i++) {
      latencyIdle += QoeModel.startupLatencyMs(DeviceType.TV, 0.1, false, rng);
      latencyCut += QoeModel.startupLatencyMs(DeviceType.TV, QoeModel.CUT_LOAD, false, rng);
      QoeModel.Heartbeat idle = QoeModel.heartbeat(DeviceType.TV, 0.1, 30_000, rng);
      QoeModel.Heartbeat cut = QoeModel.heartbeat(DeviceType.TV, QoeModel.CUT_LOAD, 30_000, rng);
      bitrateIdle += idle.bitrateKbps();
      bitrateCut += cut.bitrateKbps();
      droppedIdle += idle.droppedFrames();
      droppedCut += cut.droppedFrames();
      assertThat(cut.rebufferDurationMs()).isBetween(0L, 15_000L);
      assertThat(cut.bufferLevelMs()).isBetween(0, 60_000);
    }
    assertThat(latencyCut).isGreaterThan(3 * latencyIdle);
    assertThat(bitrateCut).isLessThan(bitrateIdle / 3);
    assertThat(droppedCut).isGreaterThan(5 * droppedIdle);
  }

  @Test
  void devicesNeverExceedTheirTopBitrate() {
    SeededRandom rng = new SeededRandom(2);
    for (DeviceType d : DeviceType.values()) {
      for (int i = 0; i < 1_000; i++) {
        assertThat(QoeModel.heartbeat(d, 0, 30_000, rng).bitrateKbps())
            .isLessThanOrEqualTo(d.maxBitrateKbps());
        assertThat(QoeModel.initialBitrateKbps(d, 0, rng)).isLessThanOrEqualTo(d.maxBitrateKbps());
      }
    }
  }

  private static double meanRebuffers(double load) {
    SeededRandom rng = new SeededRandom(7);
    long total = 0;
    for (int i = 0; i < N; i++) {
      total += QoeModel.heartbeat(DeviceType.WEB, load, 30_000, rng).rebufferCount();
    }
    return total / (double) N;
  }
}
