package io.playstream.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.playstream.events.Thumb;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ViewingModelTest {
  private static final Title MOVIE =
      new Title("t-1", "A Movie (2020)", List.of("Drama"), 2020, Set.of("US"), 6_000);
  private static final int N = 20_000;

  @Test
  void highAppealTitlesAreWatchedLongerAndFinishedMoreOften() {
    SeededRandom rng = new SeededRandom(1);
    double watchHigh = 0;
    double watchLow = 0;
    int completedHigh = 0;
    int completedLow = 0;
    for (int i = 0; i < N; i++) {
      ViewingModel.Plan high = ViewingModel.plan(MOVIE, DeviceType.TV, 0.95, 0, rng);
      ViewingModel.Plan low = ViewingModel.plan(MOVIE, DeviceType.TV, 0.05, 0, rng);
      watchHigh += high.watchMs();
      watchLow += low.watchMs();
      completedHigh += high.completes() ? 1 : 0;
      completedLow += low.completes() ? 1 : 0;
      assertThat(high.watchMs()).isBetween(ViewingModel.MIN_WATCH_MS, 6_000_000L);
      assertThat(high.errorAfterMs()).isEqualTo(-1);
    }
    assertThat(watchHigh).isGreaterThan(3 * watchLow);
    assertThat(completedHigh).isGreaterThan(4 * completedLow);
  }

  @Test
  void errorsHitTheStatedShareOfSessionsWithinTheWatch() {
    SeededRandom rng = new SeededRandom(2);
    int errors = 0;
    int fatal = 0;
    for (int i = 0; i < N; i++) {
      ViewingModel.Plan p = ViewingModel.plan(MOVIE, DeviceType.MOBILE, 0.5, 0.05, rng);
      if (p.errorAfterMs() >= 0) {
        errors++;
        fatal += p.errorFatal() ? 1 : 0;
        assertThat(p.errorAfterMs()).isLessThanOrEqualTo(p.watchMs());
      }
    }
    assertThat(errors / (double) N).isCloseTo(0.05, within(0.006));
    assertThat(fatal / (double) errors).isCloseTo(ViewingModel.FATAL_SHARE, within(0.05));
  }

  @Test
  void thumbsFollowAppeal() {
    SeededRandom rng = new SeededRandom(3);
    int upHigh = 0;
    int upLow = 0;
    for (int i = 0; i < N; i++) {
      upHigh += ViewingModel.thumb(0.9, rng) == Thumb.UP ? 1 : 0;
      upLow += ViewingModel.thumb(0.1, rng) == Thumb.UP ? 1 : 0;
    }
    assertThat(upHigh / (double) N).isGreaterThan(0.95);
    assertThat(upLow / (double) N).isLessThan(0.05);
  }
}
