package io.playstream.sinks.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void doublesPerConsecutiveFailureUpToTheMaximum() {
    Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));

    assertThat(b.delayWithoutJitter(1)).isEqualTo(100);
    assertThat(b.delayWithoutJitter(2)).isEqualTo(200);
    assertThat(b.delayWithoutJitter(4)).isEqualTo(800);
    assertThat(b.delayWithoutJitter(5)).isEqualTo(1000);
    assertThat(b.delayWithoutJitter(80)).isEqualTo(1000);
  }

  @Test
  void delaysCarryJitterWithinTwentyPercentAndResetOnSuccess() {
    Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10));

    assertThat(b.nextDelay().toMillis()).isBetween(80L, 120L);
    assertThat(b.nextDelay().toMillis()).isBetween(160L, 240L);
    assertThat(b.consecutiveFailures()).isEqualTo(2);
    b.reset();
    assertThat(b.consecutiveFailures()).isZero();
    assertThat(b.nextDelay().toMillis()).isBetween(80L, 120L);
  }

  @Test
  void neverWaitsLongerThanTheMaximum() {
    Backoff b = new Backoff(Duration.ofMillis(900), Duration.ofSeconds(1));
    for (int i = 0; i < 10; i++) {
      assertThat(b.nextDelay()).isLessThanOrEqualTo(Duration.ofSeconds(1));
    }
  }
}
