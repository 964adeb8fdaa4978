package io.playstream.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.playstream.dashboard.live.PointUpdate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveFeedTest {
  private final LiveFeed feed = new LiveFeed(new ObjectMapper(), Map::of, Map::of);

  @Test
  void aPointChangedSeveralTimesBeforeAPushIsSentOnceInItsLatestState() {
    feed.accept(new PointUpdate("sps10", "US", 2000, 8.0));
    feed.accept(new PointUpdate("sps10", "US", 1000, 5.0));
    feed.accept(new PointUpdate("sps10", "US", 2000, 12.0));
    feed.accept(new PointUpdate("sps10", "BR", 2000, 5.0));

    assertThat(feed.drain())
        .containsExactlyInAnyOrder(
            new PointUpdate("sps10", "US", 1000, 5.0),
            new PointUpdate("sps10", "US", 2000, 12.0),
            new PointUpdate("sps10", "BR", 2000, 5.0))
        .first()
        .as("oldest first")
        .isEqualTo(new PointUpdate("sps10", "US", 1000, 5.0));
    assertThat(feed.drain()).isEmpty();
  }

  @Test
  void pushWithoutPagesJustDropsThePending() {
    feed.accept(new PointUpdate("sps10", "US", 2000, 8.0));
    feed.push();
    assertThat(feed.drain()).isEmpty();
    assertThat(feed.clients()).isZero();
  }
}
