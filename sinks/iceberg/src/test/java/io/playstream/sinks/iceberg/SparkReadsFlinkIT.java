package io.playstream.sinks.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.events.PlaybackStarted;
import io.playstream.flink.PlatformSources;
import io.playstream.infra.IcebergCatalogSettings;
import io.playstream.infra.RuntimeClasspath;
import io.playstream.infra.testing.LocalKafkaExtension;
import io.playstream.schemas.EventType;
import io.playstream.schemas.SampleEvents;
import io.playstream.spark.CatalogOptions;
import io.playstream.spark.SparkTool;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flink writes, Spark SQL reads: the sink job fills {@code playback_events} through the shared JDBC
 * catalog, the writer then evolves the table (a v2 PlaybackStarted with a new optional field) and
 * writes rows that carry it, and Spark SQL — {@code SparkSqlMain} in a child JVM on the spark-sql
 * tool classpath, as {@code playstream sql} runs it — counts the same rows and sees the new column
 * (null in the older rows).
 */
class SparkReadsFlinkIT {
  private static final int PER_TYPE = 60;
  private static final int EVOLVED = 50;
  private static final String NAMESPACE = "spark_it";

  @RegisterExtension static final LocalKafkaExtension KAFKA = LocalKafkaExtension.shared();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  @TempDir Path dir;

  @Test
  void sparkCountsWhatFlinkWroteAndSeesTheWritersSchemaEvolution() throws Exception {
    IcebergCatalogSettings settings =
        new IcebergCatalogSettings(
            "playstream",
            "jdbc:sqlite:" + dir.resolve("catalog.db"),
            dir.resolve("warehouse").toUri().toString(),
            NAMESPACE,
            null);
    CatalogLoader loader = IcebergCatalogs.loader(settings);

    // 1. the sink job writes the route's events
    String topic = TestTopics.create(KAFKA, "it-spark-raw", 2);
    List<SpecificRecord> events = new ArrayList<>();
    for (int i = 0; i < 4 * PER_TYPE; i++) {
      events.add(SampleEvents.of(TableDefinitions.PLAYBACK_EVENT_TYPES.get(i % 4)));
    }
    TestTopics.produce(KAFKA, topic, events);
    StreamExecutionEnvironment env = IcebergSinkIT.environment();
    TableDefinition v1 = TableDefinitions.playbackEvents(TableDefinitions.defaultWriteProperties());
    IcebergSinkJob.build(
        env.fromSource(
                PlatformSources.kafka(
                    KAFKA.bootstrapServers(),
                    "it-spark-" + UUID.randomUUID(),
                    PlatformSources.StartingOffsets.EARLIEST,
                    List.of(topic),
                    true),
                WatermarkStrategy.noWatermarks(),
                "route")
            .uid("source"),
        loader,
        new IcebergSinkJob.Settings(Namespace.of(NAMESPACE), List.of(v1), 0, "sink-spark-it"));
    env.execute("flink writes");

    // 2. a compatible change: PlaybackStarted v2 with a new optional field; the writer evolves
    //    the table when it starts and writes rows that carry the field
    org.apache.avro.Schema startedV2 =
        TableSyncTest.withOptionalString(EventType.PLAYBACK_STARTED.schema(), "audio_language");
    TableDefinition v2 = TableSyncTest.replaceInput(v1, "PlaybackStarted", startedV2);
    IcebergSinkJob.Settings settingsV2 =
        new IcebergSinkJob.Settings(Namespace.of(NAMESPACE), List.of(v2), 0, "sink-spark-it-v2");
    Table evolved = IcebergSinkJob.syncTables(loader, settingsV2).get(v2.name());
    assertThat(evolved.schema().findField("audio_language")).isNotNull();
    AvroRowConverter converter = AvroRowConverter.of(evolved.schema(), v2.input("PlaybackStarted"));
    List<RowData> rows = new ArrayList<>();
    for (int i = 0; i < EVOLVED; i++) {
      rows.add(converter.convert(startedV2(startedV2, i % 2 == 0 ? "de" : "en")));
    }
    StreamExecutionEnvironment env2 = IcebergSinkIT.environment();
    IcebergSinkJob.write(
        env2.fromData(rows, RowRouter.rowType(evolved.schema())).uid("v2-rows"),
        loader,
        settingsV2,
        v2);
    env2.execute("flink writes v2");

    // 3. Spark SQL reads the same catalog
    Path script =
        Files.writeString(
            dir.resolve("check.sql"),
            """
            SELECT count(*) AS n, count(DISTINCT event_id) AS ids, count(audio_language) AS lang
              FROM playback_events;
            SELECT event_type, count(*) AS n FROM playback_events GROUP BY event_type ORDER BY event_type;
            SELECT audio_language, count(*) AS n FROM playback_events
              WHERE event_type = 'PlaybackStarted' GROUP BY audio_language ORDER BY audio_language;
            """);
    String out = spark(settings, List.of("--file", script.toString(), "--format", "csv"));

    int total = 4 * PER_TYPE + EVOLVED;
    Table table =
        loader
            .loadCatalog()
            .loadTable(TableIdentifier.of(NAMESPACE, TableDefinitions.PLAYBACK_EVENTS));
    assertThat(TestCatalog.rows(table)).as("Iceberg's Java reader").hasSize(total);
    assertThat(out)
        .isEqualTo(
            "n,ids,lang\n"
                + total
                + ","
                + total
                + ","
                + EVOLVED
                + "\n"
                + "event_type,n\n"
                + "PlaybackError,"
                + PER_TYPE
                + "\n"
                + "PlaybackHeartbeat,"
                + PER_TYPE
                + "\n"
                + "PlaybackStarted,"
                + (PER_TYPE + EVOLVED)
                + "\n"
                + "PlaybackStopped,"
                + PER_TYPE
                + "\n"
                + "audio_language,n\n"
                + ","
                + PER_TYPE
                + "\n"
                + "de,"
                + EVOLVED / 2
                + "\n"
                + "en,"
                + EVOLVED / 2
                + "\n");
  }

  /** A v2 PlaybackStarted (generic record) with the new field. */
  private static GenericData.Record startedV2(org.apache.avro.Schema v2, String language) {
    PlaybackStarted v1 = SampleEvents.started();
    GenericData.Record r = new GenericData.Record(v2);
    for (org.apache.avro.Schema.Field f : v1.getSchema().getFields()) {
      r.put(f.name(), v1.get(f.pos()));
    }
    r.put("audio_language", language);
    return r;
  }

  private String spark(IcebergCatalogSettings settings, List<String> args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(SparkTool.driverJvmArgs("1g", dir.resolve("spark-sql.log")));
    cmd.add("-cp");
    cmd.add(
        RuntimeClasspath.loadTool(SparkTool.CLASSPATH).stream()
            .map(Path::toString)
            .collect(Collectors.joining(File.pathSeparator)));
    cmd.add(SparkTool.SQL_MAIN);
    cmd.addAll(CatalogOptions.args(settings));
    cmd.addAll(args);
    Path out = dir.resolve("spark.out");
    Path err = dir.resolve("spark.err");
    Process p =
        new ProcessBuilder(cmd)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    if (!p.waitFor(4, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("Spark SQL did not finish");
    }
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(stderr).isZero();
    return Files.readString(out, StandardCharsets.UTF_8);
  }
}
