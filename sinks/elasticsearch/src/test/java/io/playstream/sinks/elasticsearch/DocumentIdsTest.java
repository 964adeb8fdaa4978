package io.playstream.sinks.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DocumentIdsTest {
  private static final Instant WINDOW_START = Instant.parse("2026-01-01T20:00:00Z");

  @Test
  void joinIsReadableAndDeterministic() {
    String id = DocumentIds.join("sps", "US", "tv", WINDOW_START);

    assertThat(id).isEqualTo("sps:US:tv:1767297600000");
    assertThat(DocumentIds.join("sps", "US", "tv", WINDOW_START)).isEqualTo(id);
  }

  @Test
  void joinEscapesTheSeparatorSoDifferentPartsNeverCollide() {
    assertThat(DocumentIds.join("a:b", "c")).isNotEqualTo(DocumentIds.join("a", "b:c"));
    assertThat(DocumentIds.join("a:b")).isEqualTo("a\\:b");
    assertThat(DocumentIds.join("a\\", "b")).isNotEqualTo(DocumentIds.join("a", "\\b"));
    assertThat(DocumentIds.join("x", null, "y")).isEqualTo("x::y");
  }

  @Test
  void joinRefusesIdsOverElasticsearchsLimit() {
    assertThatThrownBy(() -> DocumentIds.join("x".repeat(513)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DocumentIds.hash");
  }

  @Test
  void hashIsFixedLengthUrlSafeAndDeterministic() {
    String id = DocumentIds.hash("quality", "CDN_SERVER", "edge-1", WINDOW_START);

    assertThat(id).hasSize(27).matches("[A-Za-z0-9_-]+");
    assertThat(DocumentIds.hash("quality", "CDN_SERVER", "edge-1", WINDOW_START)).isEqualTo(id);
    assertThat(DocumentIds.hash("quality", "CDN_SERVER", "edge-2", WINDOW_START)).isNotEqualTo(id);
    assertThat(DocumentIds.hash("ab", "c")).isNotEqualTo(DocumentIds.hash("a", "bc"));
    assertThat(DocumentIds.hash("x".repeat(10_000))).hasSize(27);
  }

  @Test
  void aReplayOfTheSameRecordGivesTheSameAction() {
    EsAction first = EsAction.index("i", DocumentIds.join("t", 42), "{\"n\":1}");
    EsAction replay = EsAction.index("i", DocumentIds.join("t", 42), "{\"n\":1}");

    assertThat(replay).isEqualTo(first);
    assertThat(replay.getId()).isEqualTo("t:42");
  }
}
