package io.playstream.recs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImplicitAlsTest {
  /** Two taste groups: users 0-19 watch items a0..a9, users 20-39 watch b0..b9 (each skips one). */
  private static List<ImplicitAls.Interaction> twoGroups() {
    List<ImplicitAls.Interaction> in = new ArrayList<>();
    for (int u = 0; u < 40; u++) {
      String group = u < 20 ? "a" : "b";
      for (int i = 0; i < 10; i++) {
        if (i != u % 10) {
          in.add(new ImplicitAls.Interaction("u" + u, group + i, 1.0));
        }
      }
    }
    return in;
  }

  @Test
  void foldedInUsersPreferTheirGroup() {
    FactorModel m =
        ImplicitAls.train(twoGroups(), new ImplicitAls.Params(4, 10, 0.01, 10, true, 7), "v1");
    assertThat(m.size()).isEqualTo(20);
    assertThat(m.rank()).isEqualTo(4);
    double[] x =
        m.foldIn(
            List.of(
                new ProfileHistory.Entry("a1", 0, 1),
                new ProfileHistory.Entry("a2", 0, 1),
                new ProfileHistory.Entry("a3", 0, 1)));
    double[] s = m.scores(x);
    double minA = Double.MAX_VALUE;
    double maxB = -Double.MAX_VALUE;
    for (int i = 0; i < m.size(); i++) {
      if (m.item(i).startsWith("a")) {
        minA = Math.min(minA, s[i]);
      } else {
        maxB = Math.max(maxB, s[i]);
      }
    }
    assertThat(minA).isGreaterThan(maxB);
    assertThat(m.foldIn(List.of(new ProfileHistory.Entry("unknown", 0, 1)))).isNull();
  }

  @Test
  void trainingIsDeterministicForASeed() {
    var p = new ImplicitAls.Params(3, 3, 0.05, 5, true, 11);
    FactorModel a = ImplicitAls.train(twoGroups(), p, "a");
    FactorModel b = ImplicitAls.train(twoGroups(), p, "b");
    int i = a.indexOf("b5");
    assertThat(a.itemFactors()[i]).containsExactly(b.itemFactors()[b.indexOf("b5")]);
  }
}
