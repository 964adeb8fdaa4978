package io.playstream.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportsTest {
  private static final Instant T = Instant.parse("2025-06-01T12:00:00Z");

  @Test
  void maintenanceReportShowsBeforeAndAfter() {
    TableStats before = new TableStats(120, 5000, 3_000_000, 130, 400, 9_000_000, T);
    TableStats after = new TableStats(2, 5000, 2_000_000, 4, 30, 2_500_000, T);
    MaintenancePlan plan = new MaintenancePlan(T.minusSeconds(3600), 3, T.minusSeconds(3600), 42L);

    String report =
        Reports.maintenance(
            new TableMaintenance.Result(
                "playback_events",
                before,
                after,
                plan,
                118,
                2,
                40,
                380,
                3,
                true,
                Duration.ofMillis(8100)));

    assertThat(report)
        .startsWith("playback_events (8.1 s)\n")
        .contains("data files             120 -> 2        (compaction rewrote 118 into 2)")
        .contains("snapshots              130 -> 4")
        .contains("down to the writer's snapshot 42")
        .contains("files on storage       400 -> 30")
        .contains("8.6 MB -> 2.4 MB; 380 deleted with expired snapshots, 3 orphans removed")
        .contains("rows                  5000 -> 5000")
        .contains("write.metadata.delete-after-commit.enabled");
  }

  @Test
  void sizesUseBinaryUnits() {
    assertThat(Reports.size(512)).isEqualTo("512 B");
    assertThat(Reports.size(1536)).isEqualTo("1.5 KB");
    assertThat(Reports.size(3L * 1024 * 1024 * 1024)).isEqualTo("3.0 GB");
    assertThat(Reports.size(-1)).isEqualTo("?");
  }

  @Test
  void tableListHasOneRowPerTable() {
    QueryResult r =
        Reports.tableList(
            List.of("a", "b"),
            List.of(
                new TableStats(1, 10, 2048, 1, 5, 4096, T),
                new TableStats(0, 0, 0, 0, 1, 100, null)));

    assertThat(r.columns())
        .containsExactly("table", "rows", "data_files", "size", "snapshots", "last_commit");
    assertThat(r.rows().get(0)).containsExactly("a", 10L, 1L, "2.0 KB", 1L, T.toString());
    assertThat(r.rows().get(1).get(5)).isNull();
  }
}
