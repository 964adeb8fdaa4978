package io.playstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchResultTest {
  @Test
  void resultLineHasTheAgreedShape() {
    assertThat(new BenchResult("codec", 900.0, 1000.0, "ops/s").line())
        .isEqualTo("RESULT name=codec ours=900.0 baseline=1000.0 ratio=0.900 unit=ops/s");
  }

  @Test
  void medianOfOddAndEvenSamples() {
    assertThat(Stats.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
    assertThat(Stats.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
  }
}
