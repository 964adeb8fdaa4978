package io.playstream.recs.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.infra.IcebergCatalogSettings;
import io.playstream.spark.SparkSessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark MLlib implicit ALS on an Iceberg history table (JDBC catalog on SQLite, local Spark): two
 * taste groups in, a factors version appended to Iceberg and exported as a model file whose factors
 * separate the groups.
 */
class AlsTrainerIT {
  @TempDir static Path dir;
  private static SparkSession spark;
  private static IcebergCatalogSettings catalog;

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
    spark.sql("CREATE NAMESPACE IF NOT EXISTS playstream.playstream");
    spark.sql(
        "CREATE TABLE "
            + catalog.qualify("playback_events")
            + " (profile_id string, title_id string,"
            + " event_type string, event_time timestamp) USING iceberg");
    // profiles 0-19 play a0..a7, 20-39 play b0..b7 (each skips one); plus stops that do not count
    List<String> values = new ArrayList<>();
    for (int u = 0; u < 40; u++) {
      String group = u < 20 ? "a" : "b";
      for (int i = 0; i < 8; i++) {
        if (i != u % 8) {
          values.add("('p" + u + "', '" + group + i + "', 'PlaybackStarted', current_timestamp())");
          values.add("('p" + u + "', 'zz', 'PlaybackStopped', current_timestamp())");
        }
      }
    }
    spark.sql(
        "INSERT INTO "
            + catalog.qualify("playback_events")
            + " VALUES "
            + String.join(",", values));
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  @Test
  void trainsAVersionIntoIcebergAndTheModelsFolder() throws Exception {
    AlsTrainer.Params p = new AlsTrainer.Params(4, 10, 0.05, 2.0, 7);
    AlsTrainer.Model m =
        AlsTrainer.train(
            AlsTrainer.interactions(
                spark,
                catalog.qualify("playback_events"),
                "PlaybackStarted",
                Instant.now().minusSeconds(3600)),
            p,
            "v1");
    assertThat(m.interactions()).isEqualTo(40 * 7);
    assertThat(m.profiles()).isEqualTo(40);
    assertThat(m.titles()).hasSize(16).doesNotContain("zz");

    long rows =
        AlsTrainer.writeFactors(spark, catalog.qualify("recs_item_factors"), m, p, Instant.now());
    assertThat(rows).isEqualTo(16);
    assertThat(
            spark
                .sql(
                    "SELECT count(*) FROM "
                        + catalog.qualify("recs_item_factors")
                        + " WHERE model_version = 'v1' AND size(factors) = 4")
                .first()
                .getLong(0))
        .isEqualTo(16);

    Path file = AlsTrainer.exportModel(dir.resolve("models"), m, p);
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(17);
    assertThat(lines.get(16)).isEqualTo("END\tv1\t16\t2.0\t0.05\t1");
    try (var listing = Files.list(dir.resolve("models"))) {
      assertThat(listing.map(f -> f.getFileName().toString())).containsExactly("v1.tsv");
    }

    // titles of the same group point the same way, the two groups apart
    Map<String, double[]> f =
        lines.subList(0, 16).stream()
            .map(l -> l.split("\t"))
            .collect(
                Collectors.toMap(
                    x -> x[2],
                    x ->
                        java.util.Arrays.stream(x[3].split(","))
                            .mapToDouble(Double::parseDouble)
                            .toArray()));
    assertThat(cosine(f.get("a1"), f.get("a2"))).isGreaterThan(cosine(f.get("a1"), f.get("b1")));
    assertThat(cosine(f.get("b3"), f.get("b4"))).isGreaterThan(cosine(f.get("b3"), f.get("a4")));
  }

  private static double cosine(double[] x, double[] y) {
    double d = 0;
    double nx = 0;
    double ny = 0;
    for (int i = 0; i < x.length; i++) {
      d += x[i] * y[i];
      nx += x[i] * x[i];
      ny += y[i] * y[i];
    }
    return d / Math.sqrt(nx * ny);
  }
}
