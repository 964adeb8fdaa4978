package io.playstream.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IcebergCatalogSettingsTest {
  @TempDir Path root;

  private PlatformConfig config(Map<String, String> env) {
    return PlatformConfig.builder(root).environment(env).build();
  }

  @Test
  void localDefaultIsSqliteCatalogAndFileWarehouseInTheStateFolder() {
    IcebergCatalogSettings s = IcebergCatalogSettings.from(config(Map.of()));
    Path state = root.resolve(".playstream");

    assertThat(s.name()).isEqualTo("playstream");
    assertThat(s.namespace()).isEqualTo("playstream");
    assertThat(s.onS3()).isFalse();
    assertThat(s.sqliteFile()).contains(state.resolve("data/iceberg/catalog.db"));
    assertThat(s.properties())
        .containsExactly(
            Map.entry("catalog-impl", "org.apache.iceberg.jdbc.JdbcCatalog"),
            Map.entry("uri", "jdbc:sqlite:" + state.resolve("data/iceberg/catalog.db")),
            Map.entry("jdbc.schema-version", "V1"),
            Map.entry("warehouse", "file://" + state.resolve("data/iceberg/warehouse")));
    assertThat(s.qualify("playback_events")).isEqualTo("playstream.playstream.playback_events");
  }

  @Test
  void sparkConfMakesTheCatalogTheDefaultWithTheNamespace() {
    IcebergCatalogSettings s = IcebergCatalogSettings.from(config(Map.of()));

    assertThat(s.sparkConf())
        .containsEntry(
            "spark.sql.extensions",
            "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
        .containsEntry("spark.sql.catalog.playstream", "org.apache.iceberg.spark.SparkCatalog")
        .containsEntry(
            "spark.sql.catalog.playstream.catalog-impl", "org.apache.iceberg.jdbc.JdbcCatalog")
        .containsEntry("spark.sql.catalog.playstream.jdbc.schema-version", "V1")
        .containsEntry("spark.sql.catalog.playstream.default-namespace", "playstream")
        .containsEntry("spark.sql.defaultCatalog", "playstream")
        // "type" and "catalog-impl" together make Iceberg refuse the catalog
        .doesNotContainKey("spark.sql.catalog.playstream.type");
  }

  @Test
  void localS3MovesTheDefaultWarehouseIntoTheBucketAndCreatesTheSecret() throws IOException {
    IcebergCatalogSettings s =
        IcebergCatalogSettings.from(
            config(
                Map.of(
                    "PLAYSTREAM_S3_LOCAL_ENABLED", "true",
                    "PLAYSTREAM_S3_LOCAL_PORT", "19000",
                    "PLAYSTREAM_S3_BUCKET", "lake")));
    Path secret = root.resolve(".playstream/secrets/s3.key");

    assertThat(s.warehouse()).isEqualTo("s3://lake/warehouse");
    assertThat(s.bucket()).contains("lake");
    assertThat(s.onS3()).isTrue();
    assertThat(Files.readString(secret).trim()).hasSize(S3Secret.GENERATED_LENGTH);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)))
        .isEqualTo("rw-------");
    assertThat(s.properties())
        .containsEntry("io-impl", "org.apache.iceberg.io.ResolvingFileIO")
        .containsEntry("s3.endpoint", "http://127.0.0.1:19000")
        .containsEntry("s3.path-style-access", "true")
        .containsEntry("client.region", "us-east-1")
        .containsEntry("s3.access-key-id", "playstream")
        .containsEntry("s3.secret-access-key", Files.readString(secret).trim());
    assertThat(s.redactedProperties()).containsEntry("s3.secret-access-key", "<redacted>");
    assertThat(s.toString()).doesNotContain(Files.readString(secret).trim());
  }

  @Test
  void awsWarehouseWithoutKeyFileUsesTheDefaultCredentialsAndNoEndpoint() {
    IcebergCatalogSettings s =
        IcebergCatalogSettings.from(
            config(
                Map.of(
                    "PLAYSTREAM_ICEBERG_WAREHOUSE", "s3://company-lake/playstream",
                    "PLAYSTREAM_ICEBERG_CATALOG_URI", "jdbc:postgresql://db:5432/iceberg",
                    "PLAYSTREAM_S3_REGION", "eu-west-1")));

    assertThat(s.sqliteFile()).isEmpty();
    assertThat(s.bucket()).contains("company-lake");
    assertThat(s.properties())
        .containsEntry("uri", "jdbc:postgresql://db:5432/iceberg")
        .containsEntry("client.region", "eu-west-1")
        .containsEntry("s3.path-style-access", "false")
        .doesNotContainKeys("s3.endpoint", "s3.access-key-id", "s3.secret-access-key");
  }

  @Test
  void explicitAwsEndpointKeepsVirtualHostedBuckets() {
    IcebergCatalogSettings.S3 s3 =
        IcebergCatalogSettings.from(
                config(
                    Map.of(
                        "PLAYSTREAM_ICEBERG_WAREHOUSE", "s3://b/w",
                        "PLAYSTREAM_S3_ENDPOINT", "https://s3.eu-west-1.amazonaws.com")))
            .s3();

    assertThat(s3.endpoint()).isEqualTo(URI.create("https://s3.eu-west-1.amazonaws.com"));
    assertThat(s3.pathStyleAccess()).isFalse();
  }

  @Test
  void rejectsNamesThatAreNotIdentifiersAndNonJdbcUris() {
    assertThatThrownBy(
            () -> new IcebergCatalogSettings("my-cat", "jdbc:sqlite:x", "file:///w", "ns", null))
        .hasMessageContaining("catalog name");
    assertThatThrownBy(
            () -> new IcebergCatalogSettings("cat", "thrift://hms:9083", "file:///w", "ns", null))
        .hasMessageContaining("JDBC URL");
    assertThatThrownBy(
            () -> new IcebergCatalogSettings("cat", "jdbc:sqlite:x", "s3://b/w", "ns", null))
        .hasMessageContaining("no S3 settings");
  }

  @Test
  void existingSecretIsKept() throws IOException {
    Path file = root.resolve("k");
    Files.writeString(file, "given-secret\n");

    assertThat(S3Secret.loadOrCreate(file)).isEqualTo("given-secret");
  }
}
