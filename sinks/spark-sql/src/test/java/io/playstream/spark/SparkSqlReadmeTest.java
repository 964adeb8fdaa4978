package io.playstream.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.infra.IcebergCatalogSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's spark-sql / spark-submit settings are the ones the code produces. */
class SparkSqlReadmeTest {
  private static String readme() throws IOException {
    return Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
  }

  private static void assertDocumented(String readme, Map<String, String> conf) {
    conf.forEach(
        (k, v) -> {
          if (!k.endsWith(".s3.secret-access-key")) {
            assertThat(readme).contains("--conf " + k + "=" + v + " \\");
          }
        });
  }

  @Test
  void localSqliteAndFileWarehouse() throws IOException {
    String state = "/path/to/playstream/.playstream";
    IcebergCatalogSettings local =
        new IcebergCatalogSettings(
            "playstream",
            "jdbc:sqlite:" + state + "/data/iceberg/catalog.db",
            "file://" + state + "/data/iceberg/warehouse",
            "playstream",
            null);

    assertDocumented(readme(), local.sparkConf());
  }

  @Test
  void localS3Server() throws IOException {
    IcebergCatalogSettings s3 =
        new IcebergCatalogSettings(
            "playstream",
            "jdbc:sqlite:/c.db",
            IcebergCatalogSettings.localS3Warehouse("playstream-warehouse"),
            "playstream",
            IcebergCatalogSettings.S3.compatible(
                URI.create("http://127.0.0.1:9000"),
                "us-east-1",
                "playstream",
                Path.of("/path/to/playstream/.playstream/secrets/s3.key")));
    Map<String, String> conf = new java.util.LinkedHashMap<>(s3.redactedSparkConf());
    conf.remove("spark.sql.catalog.playstream.uri");

    assertDocumented(readme(), conf);
  }

  @Test
  void productionPostgresAndAwsS3() throws IOException {
    IcebergCatalogSettings prod =
        new IcebergCatalogSettings(
            "playstream",
            "jdbc:postgresql://db.example.com:5432/iceberg",
            "s3://company-lake/playstream",
            "playstream",
            new IcebergCatalogSettings.S3(null, "eu-west-1", null, null, false));

    assertDocumented(readme(), prod.sparkConf());
  }
}
