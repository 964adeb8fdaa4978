package io.playstream.dashboard.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RingTest {
  private static final long T0 = 1_767_297_600_000L; // 2026-01-01T20:00:00Z
  private static final long SECOND = 1000;

  @Test
  void aSecondValueAtTheSameTimeReplacesTheFirst() {
    Ring<Double> ring = new Ring<>(10, 60 * SECOND);
    ring.put(T0, 1.0);
    ring.put(T0, 2.0);
    assertThat(ring.size()).isEqualTo(1);
    assertThat(ring.at(T0)).isEqualTo(2.0);
  }

  @Test
  void updateSeesTheExistingPoint() {
    Ring<Integer> ring = new Ring<>(10, 60 * SECOND);
    ring.update(T0, old -> old == null ? 1 : old + 1);
    ring.update(T0, old -> old == null ? 1 : old + 1);
    assertThat(ring.at(T0)).isEqualTo(2);
  }

  @Test
  void keepsAtMostCapacityPointsDroppingTheOldest() {
    Ring<Long> ring = new Ring<>(3, 3600 * SECOND);
    for (long i = 0; i < 5; i++) {
      ring.put(T0 + i * SECOND, i);
    }
    assertThat(ring.entries()).extracting(Map.Entry::getValue).containsExactly(2L, 3L, 4L);
    // older than everything kept and the ring is full: refused
    assertThat(ring.put(T0, 99L)).isNull();
    assertThat(ring.size()).isEqualTo(3);
  }

  @Test
  void dropsPointsOlderThanTheSpanBehindTheNewest() {
    Ring<Long> ring = new Ring<>(100, 10 * SECOND);
    ring.put(T0, 0L);
    ring.put(T0 + 5 * SECOND, 5L);
    ring.put(T0 + 12 * SECOND, 12L);
    assertThat(ring.entries())
        .extracting(Map.Entry::getKey)
        .containsExactly(T0 + 5 * SECOND, T0 + 12 * SECOND);
    assertThat(ring.put(T0 + SECOND, 1L)).as("too old for the span").isNull();
    assertThat(ring.latest().getValue()).isEqualTo(12L);
    assertThat(ring.since(T0 + 6 * SECOND)).extracting(Map.Entry::getValue).containsExactly(12L);
  }

  @Test
  void outOfOrderPointsAreKeptInTimeOrder() {
    Ring<Long> ring = new Ring<>(10, 60 * SECOND);
    ring.put(T0 + 2 * SECOND, 2L);
    ring.put(T0, 0L);
    ring.put(T0 + SECOND, 1L);
    assertThat(ring.entries()).extracting(Map.Entry::getValue).containsExactly(0L, 1L, 2L);
  }
}
