package io.playstream.recs.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FactorModelFilesTest {
  @Test
  void rowsAndEndRoundTrip() {
    ModelUpdate row =
        FactorModelFiles.parse(FactorModelFiles.rowLine("v7", "t-1", new double[] {0.5, -1.25}));
    assertThat(row.kind).isEqualTo(ModelUpdate.Kind.FACTOR_ROW);
    assertThat(row.version).isEqualTo("v7");
    assertThat(row.key).isEqualTo("t-1");
    assertThat(row.values).containsExactly(0.5, -1.25);

    ModelUpdate end = FactorModelFiles.parse(FactorModelFiles.endLine("v7", 2, 2.0, 0.3, true));
    assertThat(end.kind).isEqualTo(ModelUpdate.Kind.FACTORS_END);
    assertThat(end.count).isEqualTo(2);
    assertThat(end.values).containsExactly(2.0, 0.3, 1.0);
    assertThat(FactorModelFiles.parse("")).isNull();
    assertThat(FactorModelFiles.parse("# comment")).isNull();
  }

  @Test
  void rejectsMalformedLines() {
    assertThatThrownBy(() -> FactorModelFiles.parse("X\tv1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FactorModelFiles.parse("F\tv1\tt1\t1.0,abc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad number");
    assertThatThrownBy(() -> FactorModelFiles.parse("END\tv1\t3"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
