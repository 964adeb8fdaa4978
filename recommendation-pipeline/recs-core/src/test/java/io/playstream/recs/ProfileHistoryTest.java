package io.playstream.recs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProfileHistoryTest {
  private static final long T0 = 1_700_000_000_000L;

  @Test
  void newTitlesPairWithTheRecentWindow() {
    ProfileHistory h = new ProfileHistory(2, 10);
    assertThat(h.consume("a", T0, 1)).isEmpty();
    assertThat(h.consume("b", T0 + 1, 1))
        .extracting(ProfileHistory.Entry::item)
        .containsExactly("a");
    assertThat(h.consume("c", T0 + 2, 1))
        .extracting(ProfileHistory.Entry::item)
        .containsExactly("a", "b");
    // window of 2: a fell out
    assertThat(h.consume("d", T0 + 3, 1))
        .extracting(ProfileHistory.Entry::item)
        .containsExactly("b", "c");
    assertThat(h.recent()).extracting(ProfileHistory.Entry::item).containsExactly("c", "d");
    assertThat(h.isExcluded("a")).isTrue();
  }

  @Test
  void repeatsAndDislikesAddNoSignal() {
    ProfileHistory h = new ProfileHistory(10, 10);
    h.consume("a", T0, 1);
    assertThat(h.consume("a", T0 + 1, 1)).isEmpty();
    h.dislike("b", T0 + 2);
    assertThat(h.isExcluded("b")).isTrue();
    assertThat(h.consume("b", T0 + 3, 1)).isEmpty();
    assertThat(h.recent()).extracting(ProfileHistory.Entry::item).containsExactly("a");
  }

  @Test
  void exclusionsAreBounded() {
    ProfileHistory h = new ProfileHistory(2, 3);
    for (int i = 0; i < 5; i++) {
      h.consume("t" + i, T0 + i, 1);
    }
    assertThat(h.excluded()).containsExactly("t2", "t3", "t4");
    h.country("SE");
    h.country(" ");
    assertThat(h.country()).isEqualTo("SE");
    assertThat(h.lastActivity()).isEqualTo(T0 + 4);
  }
}
