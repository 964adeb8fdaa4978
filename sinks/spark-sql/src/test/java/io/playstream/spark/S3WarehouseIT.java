package io.playstream.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.infra.IcebergCatalogSettings;
import io.playstream.infra.testing.LocalS3Extension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An Iceberg warehouse on a real S3 API server (s3proxy in its own JVM, {@link LocalS3Extension})
 * through Iceberg's S3FileIO: write, read back through Spark SQL, maintain.
 */
class S3WarehouseIT {
  @RegisterExtension static final LocalS3Extension S3 = LocalS3Extension.shared();

  @TempDir static Path dir;

  static IcebergCatalogSettings catalog;
  static SparkSession spark;
  static SqlRunner sql;

  @BeforeAll
  static void start() {
    catalog =
        new IcebergCatalogSettings(
            "lake",
            "jdbc:sqlite:" + dir.resolve("catalog.db"),
            S3.location("warehouse"),
            "playstream",
            S3.icebergS3());
    spark = SparkSessions.open(catalog, "local[2]");
    sql = new SqlRunner(spark);
    sql.run("CREATE NAMESPACE IF NOT EXISTS playstream", 0);
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  private static long objectsUnder(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).count();
    }
  }

  @Test
  void tablesOnS3AreWrittenReadBackAndMaintained() throws IOException {
    sql.run("CREATE TABLE plays (id BIGINT, country STRING) USING iceberg", 0);
    for (int i = 0; i < 4; i++) {
      sql.run("INSERT INTO plays VALUES (" + (2 * i) + ", 'US'), (" + (2 * i + 1) + ", 'DE')", 0);
    }

    QueryResult byCountry =
        sql.run("SELECT country, count(*) AS n FROM plays GROUP BY country ORDER BY country", 10);

    assertThat(byCountry.rows()).containsExactly(Arrays.asList("DE", 4L), Arrays.asList("US", 4L));
    // the objects are in the bucket, served by s3proxy's filesystem backend
    Path table = S3.bucketDir(S3.bucket()).resolve("warehouse/playstream/plays");
    assertThat(objectsUnder(table.resolve("data"))).isGreaterThanOrEqualTo(4);
    assertThat(objectsUnder(table.resolve("metadata"))).isPositive();

    try (IcebergTables tables = new IcebergTables(catalog)) {
      assertThat(tables.load("plays").location())
          .isEqualTo(S3.location("warehouse/playstream/plays"));
      TableMaintenance.Result r =
          new TableMaintenance(spark, tables, Clock.systemUTC())
              .maintain(
                  "plays", new MaintenancePlan.Retention(Duration.ZERO, 1, Duration.ofHours(1)));

      assertThat(r.before().storageFiles()).isPositive();
      assertThat(r.after().dataFiles()).isLessThan(r.before().dataFiles());
      assertThat(r.after().snapshots()).isEqualTo(1);
      assertThat(r.after().records()).isEqualTo(8);
      assertThat(r.after().storageFiles()).isLessThan(r.before().storageFiles());
    }
    assertThat(sql.run("SELECT count(*) FROM plays", 1).rows()).isEqualTo(List.of(List.of(8L)));
  }
}
