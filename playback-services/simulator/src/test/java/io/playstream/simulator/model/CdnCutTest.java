package io.playstream.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CdnCutTest {
  @Test
  void parsesRegionStartAndDuration() {
    CdnCut cut = CdnCut.parse("us-east@60s+120s");
    assertThat(cut.region()).isEqualTo("us-east");
    assertThat(cut.start()).isEqualTo(Duration.ofSeconds(60));
    assertThat(cut.duration()).isEqualTo(Duration.ofMinutes(2));
    assertThat(cut).hasToString("us-east@1m+2m");
    assertThat(CdnCut.parse(cut.toString())).isEqualTo(cut);
  }

  @Test
  void parsesAStartFailureShare() {
    CdnCut cut = CdnCut.parse("us-east@60s+120s:0.8");
    assertThat(cut.startFailureShare()).isEqualTo(0.8);
    assertThat(CdnCut.parse(cut.toString())).isEqualTo(cut);
    assertThat(CdnCut.parse("us-east@60s+120s").startFailureShare()).isZero();
    assertThatThrownBy(() -> CdnCut.parse("us-east@60s+120s:1.5"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[0, 1]");
  }

  @Test
  void coversItsRegionDuringItsWindowOnly() {
    CdnCut cut = CdnCut.parse("eu-west@1m+30s");
    assertThat(cut.covers("eu-west", 59_999)).isFalse();
    assertThat(cut.covers("eu-west", 60_000)).isTrue();
    assertThat(cut.covers("eu-west", 89_999)).isTrue();
    assertThat(cut.covers("eu-west", 90_000)).isFalse();
    assertThat(cut.covers("us-east", 70_000)).isFalse();
  }

  @Test
  void rejectsMalformedText() {
    for (String bad :
        new String[] {
          "us-east", "us-east@60s", "@60s+1m", "us-east@x+1m", "us-east@0+0", "us-east@1m+1m:x"
        }) {
      assertThatThrownBy(() -> CdnCut.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
