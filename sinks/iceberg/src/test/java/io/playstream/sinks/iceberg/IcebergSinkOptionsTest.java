package io.playstream.sinks.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playstream.infra.IcebergCatalogSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class IcebergSinkOptionsTest {
  private static IcebergSinkJob parse(String... args) {
    IcebergSinkJob job = new IcebergSinkJob();
    new CommandLine(job).parseArgs(args);
    return job;
  }

  @Test
  void defaultsWriteEveryTableFromItsTopic() {
    IcebergSinkJob job = parse();
    List<TableDefinition> tables = job.iceberg.tableDefinitions();
    assertThat(tables)
        .extracting(TableDefinition::name)
        .containsExactly(
            "playback_events", "steering_decisions", "playback_sessions", "catalog_titles");
    assertThat(job.iceberg.topics(tables))
        .containsExactly(
            "playstream.route.iceberg-raw", "playstream.sessions", "playstream.route.catalog");
    assertThat(job.job.checkpointInterval).isEqualTo(Duration.ofSeconds(5));
    assertThat(job.iceberg.catalog().name()).isEqualTo("playstream");
  }

  @Test
  void platformArgumentsBecomeTheSharedCatalogSettings() {
    IcebergSinkJob job =
        parse(
            "--catalog-name", "lake",
            "--catalog-uri", "jdbc:sqlite:/data/catalog.db",
            "--warehouse", "file:///data/warehouse",
            "--namespace", "analytics",
            "--checkpoint-interval", "PT10S",
            "--tables", "catalog_titles,playback_events",
            "--parquet-compression", "snappy",
            "--target-file-size", "1048576");
    IcebergCatalogSettings c = job.iceberg.catalog();
    assertThat(c.properties())
        .containsEntry("uri", "jdbc:sqlite:/data/catalog.db")
        .containsEntry("warehouse", "file:///data/warehouse")
        .containsEntry("jdbc.schema-version", "V1");
    assertThat(c.namespace()).isEqualTo("analytics");
    assertThat(c.onS3()).isFalse();
    assertThat(job.job.checkpointInterval).isEqualTo(Duration.ofSeconds(10));
    List<TableDefinition> tables = job.iceberg.tableDefinitions();
    assertThat(tables)
        .extracting(TableDefinition::name)
        .containsExactly("catalog_titles", "playback_events");
    assertThat(tables.get(1).properties())
        .containsEntry("write.parquet.compression-codec", "snappy")
        .containsEntry("write.target-file-size-bytes", "1048576");
  }

  @Test
  void anS3WarehouseTakesTheS3Options() {
    IcebergSinkJob job =
        parse(
            "--warehouse",
            "s3://bucket/warehouse",
            "--s3-endpoint",
            "http://127.0.0.1:9000",
            "--s3-access-key",
            "playstream",
            "--s3-secret-key-file",
            "/tmp/none.key",
            "--s3-path-style-access");
    IcebergCatalogSettings c = job.iceberg.catalog();
    assertThat(c.onS3()).isTrue();
    assertThat(c.redactedProperties())
        .containsEntry("io-impl", IcebergCatalogSettings.RESOLVING_FILE_IO)
        .containsEntry("s3.endpoint", "http://127.0.0.1:9000")
        .containsEntry("s3.path-style-access", "true");
  }

  @Test
  void catalogArgsRoundTrip() {
    IcebergCatalogSettings local =
        new IcebergCatalogSettings(
            "playstream", "jdbc:sqlite:/s/catalog.db", "file:///s/warehouse", "playstream", null);
    IcebergCatalogSettings s3 =
        new IcebergCatalogSettings(
            "playstream",
            "jdbc:sqlite:/s/catalog.db",
            "s3://bucket/warehouse",
            "playstream",
            IcebergCatalogSettings.S3.compatible(
                java.net.URI.create("http://127.0.0.1:9000"),
                "us-east-1",
                "playstream",
                java.nio.file.Path.of("/s/secrets/s3.key")));
    for (IcebergCatalogSettings s : List.of(local, s3)) {
      IcebergSinkJob job = parse(IcebergSinkOptions.catalogArgs(s).toArray(String[]::new));
      assertThat(job.iceberg.catalog()).isEqualTo(s);
    }
  }

  @Test
  void anUnknownTableIsRefused() {
    IcebergSinkJob job = parse("--tables", "nope");
    assertThatThrownBy(() -> job.iceberg.tableDefinitions())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown table 'nope'");
  }
}
