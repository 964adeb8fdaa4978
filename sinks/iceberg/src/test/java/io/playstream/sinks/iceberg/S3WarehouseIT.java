package io.playstream.sinks.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.flink.PlatformSources;
import io.playstream.infra.IcebergCatalogSettings;
import io.playstream.infra.testing.LocalKafkaExtension;
import io.playstream.infra.testing.LocalS3Extension;
import io.playstream.schemas.SampleEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The sink with its warehouse on S3 (the local s3proxy), as {@code s3.local.enabled} runs it. */
class S3WarehouseIT {
  @RegisterExtension static final LocalKafkaExtension KAFKA = LocalKafkaExtension.shared();
  @RegisterExtension static final LocalS3Extension S3 = LocalS3Extension.shared();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  @TempDir Path dir;

  @Test
  void tablesOnS3GetEveryEventOnce() throws Exception {
    String topic = TestTopics.create(KAFKA, "it-s3-raw", 2);
    String prefix = "warehouse-" + UUID.randomUUID().toString().substring(0, 8);
    IcebergCatalogSettings settings =
        new IcebergCatalogSettings(
            TestCatalog.NAME,
            "jdbc:sqlite:" + dir.resolve("catalog.db"),
            S3.location(prefix),
            "on_s3",
            S3.icebergS3());
    List<SpecificRecord> events = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      events.add(SampleEvents.of(TableDefinitions.PLAYBACK_EVENT_TYPES.get(i % 4)));
    }
    TestTopics.produce(KAFKA, topic, events);

    StreamExecutionEnvironment env = IcebergSinkIT.environment();
    CatalogLoader loader = IcebergCatalogs.loader(settings);
    IcebergSinkJob.build(
        env.fromSource(
                PlatformSources.kafka(
                    KAFKA.bootstrapServers(),
                    "it-s3-" + UUID.randomUUID(),
                    PlatformSources.StartingOffsets.EARLIEST,
                    List.of(topic),
                    true),
                WatermarkStrategy.noWatermarks(),
                "route")
            .uid("source"),
        loader,
        new IcebergSinkJob.Settings(
            Namespace.of("on_s3"),
            List.of(TableDefinitions.playbackEvents(TableDefinitions.defaultWriteProperties())),
            0,
            "sink-s3"));
    env.execute("iceberg sink on S3");

    Catalog catalog = loader.loadCatalog();
    try {
      Table table =
          catalog.loadTable(TableIdentifier.of("on_s3", TableDefinitions.PLAYBACK_EVENTS));
      assertThat(table.location()).startsWith(S3.location(prefix));
      assertThat(IcebergSinkIT.ids(TestCatalog.rows(table))).isEqualTo(IcebergSinkIT.ids(events));
      // the data files are objects in the bucket (s3proxy's filesystem backend)
      try (Stream<Path> files = Files.walk(S3.bucketDir(S3.bucket()))) {
        assertThat(files.filter(p -> p.toString().endsWith(".parquet")).count()).isPositive();
      }
    } finally {
      if (catalog instanceof AutoCloseable c) {
        c.close();
      }
    }
  }
}
