package io.playstream.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaintenancePlanTest {
  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  private static final Map<String, String> WRITER =
      Map.of(
          MaintenancePlan.FLINK_JOB_ID,
          "job-1",
          MaintenancePlan.FLINK_MAX_COMMITTED_CHECKPOINT,
          "7");
  private static final Map<String, String> COMPACTION = Map.of("operation", "replace");

  private static MaintenancePlan.Ancestor snapshot(long id, Duration age, Map<String, String> s) {
    return new MaintenancePlan.Ancestor(id, NOW.minus(age), s);
  }

  @Test
  void timestampsAreNowMinusRetentionAndMargin() {
    MaintenancePlan plan =
        MaintenancePlan.of(
            NOW,
            new MaintenancePlan.Retention(Duration.ofHours(2), 3, Duration.ofMinutes(90)),
            List.of());

    assertThat(plan.expireOlderThan()).isEqualTo(Instant.parse("2025-06-01T10:00:00Z"));
    assertThat(plan.orphansOlderThan()).isEqualTo(Instant.parse("2025-06-01T10:30:00Z"));
    assertThat(plan.retainLast()).isEqualTo(3);
    assertThat(plan.writerSnapshot()).isNull();
  }

  @Test
  void retainLastReachesDownToTheWritersLastSnapshotBelowCompactions() {
    // newest first: two compaction commits sit on top of the writer's last commit
    List<MaintenancePlan.Ancestor> ancestors =
        List.of(
            snapshot(40, Duration.ofSeconds(1), COMPACTION),
            snapshot(30, Duration.ofSeconds(2), COMPACTION),
            snapshot(20, Duration.ofSeconds(3), WRITER),
            snapshot(10, Duration.ofSeconds(4), WRITER));

    MaintenancePlan plan =
        MaintenancePlan.of(
            NOW, new MaintenancePlan.Retention(Duration.ZERO, 1, Duration.ofHours(1)), ancestors);

    assertThat(plan.retainLast()).isEqualTo(3);
    assertThat(plan.writerSnapshot()).isEqualTo(20L);
  }

  @Test
  void aLargerRetainLastWins() {
    List<MaintenancePlan.Ancestor> ancestors =
        List.of(
            snapshot(2, Duration.ofSeconds(1), WRITER), snapshot(1, Duration.ofDays(1), WRITER));

    MaintenancePlan plan = MaintenancePlan.of(NOW, MaintenancePlan.Retention.defaults(), ancestors);

    assertThat(plan.retainLast()).isEqualTo(5);
    assertThat(plan.writerSnapshot()).isEqualTo(2L);
  }

  @Test
  void expirableCountsOldSnapshotsOutsideTheRetainedAncestors() {
    List<MaintenancePlan.Ancestor> ancestors = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ancestors.add(snapshot(100 - i, Duration.ofMinutes(10L * i), Map.of()));
    }
    // a rolled-back snapshot that is not an ancestor, old enough to go
    List<MaintenancePlan.Ancestor> all = new ArrayList<>(ancestors);
    all.add(snapshot(7, Duration.ofHours(5), Map.of()));

    MaintenancePlan plan =
        MaintenancePlan.of(
            NOW,
            new MaintenancePlan.Retention(Duration.ofMinutes(25), 2, Duration.ofHours(1)),
            ancestors);

    // ancestors aged 30..90 min (7 of them) plus the old non-ancestor; 0..20 min are too young
    assertThat(plan.expirable(all, ancestors)).isEqualTo(8);
    MaintenancePlan keepAll =
        MaintenancePlan.of(
            NOW,
            new MaintenancePlan.Retention(Duration.ofDays(1), 2, Duration.ofHours(1)),
            ancestors);
    assertThat(keepAll.expirable(ancestors, ancestors)).isZero();
  }

  @Test
  void retentionRefusesToDropTheCurrentSnapshotOrAYoungWritersFiles() {
    assertThatThrownBy(
            () -> new MaintenancePlan.Retention(Duration.ofHours(1), 0, Duration.ofHours(1)))
        .hasMessageContaining("at least 1");
    assertThatThrownBy(
            () -> new MaintenancePlan.Retention(Duration.ofHours(1), 1, Duration.ofMinutes(5)))
        .hasMessageContaining("--orphan-margin");
    assertThatThrownBy(
            () -> new MaintenancePlan.Retention(Duration.ofHours(-1), 1, Duration.ofHours(1)))
        .hasMessageContaining("negative");
  }
}
