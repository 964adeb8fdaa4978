package io.playstream.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.infra.IcebergCatalogSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.CommitMetadata;
import org.apache.spark.sql.SparkSession;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Table maintenance on a real JDBC (SQLite) catalog with a file warehouse, in a local Spark
 * session: compaction, snapshot expiry, orphan removal, and a writer that keeps appending.
 */
class IcebergMaintenanceIT {
  private static final MaintenancePlan.Retention EXPIRE_ALL_BUT_LAST =
      new MaintenancePlan.Retention(Duration.ZERO, 1, Duration.ofHours(1));

  @TempDir static Path dir;

  static IcebergCatalogSettings catalog;
  static SparkSession spark;
  static SqlRunner sql;
  static IcebergTables tables;
  static TableMaintenance maintenance;

  @BeforeAll
  static void start() {
    catalog =
        new IcebergCatalogSettings(
            "playstream",
            "jdbc:sqlite:" + dir.resolve("catalog.db"),
            dir.resolve("warehouse").toUri().toString(),
            "playstream",
            null);
    spark = SparkSessions.open(catalog, "local[2]");
    sql = new SqlRunner(spark);
    sql.run("CREATE NAMESPACE IF NOT EXISTS playstream", 0);
    tables = new IcebergTables(catalog);
    maintenance = new TableMaintenance(spark, tables, Clock.systemUTC());
  }

  @AfterAll
  static void stop() throws IOException {
    if (tables != null) {
      tables.close();
    }
    if (spark != null) {
      spark.stop();
    }
  }

  private static void createPlays(String table) {
    sql.run("CREATE TABLE " + table + " (id BIGINT, country STRING) USING iceberg", 0);
  }

  /** One commit of {@code rows} rows, ids from {@code first}. */
  private static void append(String table, long first, int rows) {
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < rows; i++) {
      long id = first + i;
      values.append(i == 0 ? "" : ", ").append("(").append(id).append(", '");
      values.append(id % 3 == 0 ? "US" : id % 3 == 1 ? "DE" : "FR").append("')");
    }
    sql.run("INSERT INTO " + table + " VALUES " + values, 0);
  }

  /** The same append as a Flink sink's commit: its job id and checkpoint in the summary. */
  private static void appendAsWriter(String table, long first, int rows, long checkpoint)
      throws Exception {
    CommitMetadata.withCommitProperties(
        Map.of(
            MaintenancePlan.FLINK_JOB_ID,
            "job-1",
            MaintenancePlan.FLINK_MAX_COMMITTED_CHECKPOINT,
            Long.toString(checkpoint)),
        () -> {
          append(table, first, rows);
          return 0;
        },
        RuntimeException.class);
  }

  private static long count(String table) {
    return (Long) sql.run("SELECT count(*) FROM " + table, 1).rows().get(0).get(0);
  }

  /** What a Flink sink reads on restore: the last checkpoint it committed, walking ancestors. */
  private static long lastCommittedCheckpoint(Table t, String jobId) {
    Snapshot s = t.currentSnapshot();
    while (s != null) {
      if (jobId.equals(s.summary().get(MaintenancePlan.FLINK_JOB_ID))) {
        return Long.parseLong(s.summary().get(MaintenancePlan.FLINK_MAX_COMMITTED_CHECKPOINT));
      }
      s = s.parentId() == null ? null : t.snapshot(s.parentId());
    }
    return -1;
  }

  @Test
  void manySmallCommitsCompactIntoFewerFilesWithTheSameRowsAndOrphansGo() throws IOException {
    createPlays("plays");
    for (int i = 0; i < 12; i++) {
      append("plays", i * 5L, 5);
    }
    Path data = Path.of(tables.load("plays").location().replace("file:", "")).resolve("data");
    Path old = Files.writeString(data.resolve("crashed-writer.parquet"), "left behind");
    Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofHours(3))));
    // a writer's file before its checkpoint commits it: unreferenced, but young
    Path inFlight = Files.writeString(data.resolve("in-flight.parquet"), "not committed yet");
    TableStats before = tables.stats("plays");
    QueryResult byCountryBefore =
        sql.run("SELECT country, count(*) FROM plays GROUP BY country ORDER BY country", 10);

    TableMaintenance.Result r = maintenance.maintain("plays", EXPIRE_ALL_BUT_LAST);

    TableStats after = tables.stats("plays");
    assertThat(before.dataFiles()).isGreaterThanOrEqualTo(12);
    assertThat(before.snapshots()).isEqualTo(12);
    assertThat(r.rewrittenDataFiles()).isEqualTo(before.dataFiles());
    assertThat(after.dataFiles()).isEqualTo(r.addedDataFiles()).isLessThan(before.dataFiles());
    assertThat(after.records()).isEqualTo(60);
    assertThat(count("plays")).isEqualTo(60);
    assertThat(sql.run("SELECT country, count(*) FROM plays GROUP BY country ORDER BY country", 10))
        .isEqualTo(byCountryBefore);
    // old snapshots expired, the current one (compaction's) kept
    assertThat(after.snapshots()).isEqualTo(1);
    assertThat(tables.load("plays").currentSnapshot()).isNotNull();
    assertThat(r.deletedFiles()).isGreaterThan(0);
    assertThat(after.storageFiles()).isLessThan(before.storageFiles());
    assertThat(r.orphansRemoved()).isEqualTo(1);
    assertThat(old).doesNotExist();
    assertThat(inFlight).exists();
    assertThat(r.metadataCleanupEnabled()).isTrue();
    assertThat(tables.load("plays").properties())
        .containsEntry(TableMaintenance.METADATA_DELETE_AFTER_COMMIT, "true");
  }

  @Test
  void theWritersLastSnapshotStaysBelowTheCompaction() throws Exception {
    createPlays("writer_plays");
    for (int checkpoint = 1; checkpoint <= 6; checkpoint++) {
      appendAsWriter("writer_plays", checkpoint * 10L, 3, checkpoint);
    }
    long writersLast = tables.load("writer_plays").currentSnapshot().snapshotId();

    TableMaintenance.Result r = maintenance.maintain("writer_plays", EXPIRE_ALL_BUT_LAST);

    Table t = tables.load("writer_plays");
    assertThat(r.plan().writerSnapshot()).isEqualTo(writersLast);
    assertThat(t.snapshot(writersLast)).isNotNull();
    assertThat(lastCommittedCheckpoint(t, "job-1")).isEqualTo(6);
    assertThat(r.after().snapshots()).isLessThan(r.before().snapshots());
    assertThat(r.after().dataFiles()).isLessThan(r.before().dataFiles());
    assertThat(count("writer_plays")).isEqualTo(18);
  }

  @Test
  void maintenanceWhileAWriterKeepsAppendingBreaksNoAppend() throws Exception {
    createPlays("busy_plays");
    int commits = 30;
    int rows = 4;
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> appended =
          writer.submit(
              () -> {
                for (int c = 1; c <= commits; c++) {
                  appendAsWriter("busy_plays", (long) c * rows, rows, c);
                }
                return commits;
              });
      Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> tables.stats("busy_plays").snapshots() >= 5);

      TableMaintenance.Result r = maintenance.maintain("busy_plays", EXPIRE_ALL_BUT_LAST);

      assertThat(appended.get(2, TimeUnit.MINUTES)).isEqualTo(commits);
      assertThat(r.rewrittenDataFiles()).isPositive();
    } finally {
      writer.shutdownNow();
    }
    Table t = tables.load("busy_plays");
    assertThat(count("busy_plays")).isEqualTo((long) commits * rows);
    assertThat(lastCommittedCheckpoint(t, "job-1")).isEqualTo(commits);
    List<Long> ids = new ArrayList<>();
    sql.run("SELECT id FROM busy_plays ORDER BY id", 1000)
        .rows()
        .forEach(row -> ids.add((Long) row.get(0)));
    assertThat(ids).doesNotHaveDuplicates().hasSize(commits * rows);
  }
}
