package io.playstream.sinks.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playstream.schemas.EventType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.SchemaBuilder;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.data.GenericAppenderFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.encryption.EncryptedFiles;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableSyncTest {
  private static final Namespace NS = Namespace.of(TestCatalog.NAMESPACE);
  private static final Map<String, String> PROPS = TableDefinitions.defaultWriteProperties();

  @TempDir Path dir;
  private TestCatalog c;

  @BeforeEach
  void open() {
    c = new TestCatalog(dir);
  }

  @AfterEach
  void close() throws Exception {
    c.close();
  }

  @Test
  void createsEveryTableWithItsLayout() {
    for (TableDefinition d : TableDefinitions.all(PROPS)) {
      TableSync.Result r = TableSync.ensure(c.catalog, NS, d);
      assertThat(r.outcome()).as(d.name()).isEqualTo(TableSync.Outcome.CREATED);
    }

    Table events = c.table(TableDefinitions.PLAYBACK_EVENTS);
    assertThat(partitioning(events)).containsExactly("hour(event_time)", "identity(event_type)");
    assertThat(events.sortOrder().fields()).hasSize(2);
    assertThat(events.schema().findField("event_type").isRequired()).isTrue();
    assertThat(events.properties())
        .containsEntry("write.parquet.compression-codec", "zstd")
        .containsEntry("write.target-file-size-bytes", "134217728")
        .containsKey("comment");
    assertThat(events.schema().findField("event_time").type())
        .isEqualTo(Types.TimestampType.withZone());

    assertThat(partitioning(c.table(TableDefinitions.STEERING_DECISIONS)))
        .containsExactly("day(event_time)");
    assertThat(partitioning(c.table(TableDefinitions.PLAYBACK_SESSIONS)))
        .containsExactly("day(started_at)");

    Table titles = c.table(TableDefinitions.CATALOG_TITLES);
    assertThat(partitioning(titles)).containsExactly("bucket[4](title_id)");
    assertThat(titles.schema().identifierFieldNames()).containsExactly("title_id");
    assertThat(titles.schema().findField("name").isOptional()).isTrue();
    assertThat(titles.schema().findField("removed")).isNotNull();
    assertThat(
            ((org.apache.iceberg.HasTableOperations) titles).operations().current().formatVersion())
        .isEqualTo(2);
    assertThat(titles.properties()).containsEntry("write.upsert.enabled", "true");
  }

  @Test
  void aSecondEnsureChangesNothing() {
    TableDefinition d = TableDefinitions.playbackEvents(PROPS);
    TableSync.ensure(c.catalog, NS, d);
    int schemaId = c.table(d.name()).schema().schemaId();

    TableSync.Result again = TableSync.ensure(c.catalog, NS, d);

    assertThat(again.outcome()).isEqualTo(TableSync.Outcome.UNCHANGED);
    assertThat(again.table().schema().schemaId()).isEqualTo(schemaId);
  }

  @Test
  void aNewOptionalAvroFieldBecomesANewColumn() {
    TableDefinition v1 = TableDefinitions.playbackEvents(PROPS);
    TableSync.ensure(c.catalog, NS, v1);
    int columnsBefore = c.table(v1.name()).schema().columns().size();

    org.apache.avro.Schema startedV2 =
        withOptionalString(EventType.PLAYBACK_STARTED.schema(), "audio_language");
    TableDefinition v2 = replaceInput(v1, "PlaybackStarted", startedV2);
    TableSync.Result r = TableSync.ensure(c.catalog, NS, v2);

    assertThat(r.outcome()).isEqualTo(TableSync.Outcome.EVOLVED);
    assertThat(r.addedColumns()).containsExactly("audio_language");
    Types.NestedField added = r.table().schema().findField("audio_language");
    assertThat(added.isOptional()).isTrue();
    assertThat(added.type()).isEqualTo(Types.StringType.get());
    assertThat(r.table().schema().columns()).hasSize(columnsBefore + 1);
    // existing field ids are kept
    assertThat(r.table().schema().findField("event_id").fieldId())
        .isEqualTo(c.table(v1.name()).schema().findField("event_id").fieldId());
  }

  @Test
  void oldRowsReadNullInAnAddedColumnAndNewRowsCarryIt() throws Exception {
    org.apache.avro.Schema v1 =
        SchemaBuilder.record("Evolving")
            .namespace("test")
            .fields()
            .requiredString("id")
            .requiredLong("n")
            .endRecord();
    org.apache.avro.Schema v2 = withOptionalString(v1, "note");
    TableDefinition d1 = definition("evolving", v1);
    TableDefinition d2 = definition("evolving", v2);

    Table t = TableSync.ensure(c.catalog, NS, d1).table();
    append(t, Map.of("id", "old", "n", 1L));
    t = TableSync.ensure(c.catalog, NS, d2).table();
    append(t, Map.of("id", "new", "n", 2L, "note", "hello"));

    List<Record> rows = TestCatalog.rows(c.table("evolving"));
    assertThat(rows).hasSize(2);
    Record old =
        rows.stream().filter(r -> r.getField("id").equals("old")).findFirst().orElseThrow();
    Record nu = rows.stream().filter(r -> r.getField("id").equals("new")).findFirst().orElseThrow();
    assertThat(old.getField("note")).isNull();
    assertThat(old.getField("n")).isEqualTo(1L);
    assertThat(nu.getField("note")).isEqualTo("hello");
  }

  @Test
  void columnsAreNeverDropped() {
    org.apache.avro.Schema wide =
        SchemaBuilder.record("Shrinking")
            .fields()
            .requiredString("id")
            .optionalString("gone")
            .endRecord();
    org.apache.avro.Schema narrow =
        SchemaBuilder.record("Shrinking").fields().requiredString("id").endRecord();
    TableSync.ensure(c.catalog, NS, definition("shrinking", wide));

    TableSync.Result r = TableSync.ensure(c.catalog, NS, definition("shrinking", narrow));

    assertThat(r.outcome()).isEqualTo(TableSync.Outcome.UNCHANGED);
    assertThat(r.table().schema().findField("gone")).isNotNull();
  }

  @Test
  void anIncompatibleTypeChangeFailsBeforeAnythingIsWritten() {
    org.apache.avro.Schema v1 =
        SchemaBuilder.record("Typed").fields().requiredString("id").requiredString("x").endRecord();
    org.apache.avro.Schema v2 =
        SchemaBuilder.record("Typed").fields().requiredString("id").requiredInt("x").endRecord();
    TableSync.ensure(c.catalog, NS, definition("typed", v1));

    assertThatThrownBy(() -> TableSync.ensure(c.catalog, NS, definition("typed", v2)))
        .hasMessageContaining("x");
    assertThat(c.table("typed").schema().findField("x").type()).isEqualTo(Types.StringType.get());
  }

  @Test
  void anIntColumnWidensToLong() {
    org.apache.avro.Schema v1 =
        SchemaBuilder.record("Widening").fields().requiredString("id").requiredInt("x").endRecord();
    org.apache.avro.Schema v2 =
        SchemaBuilder.record("Widening")
            .fields()
            .requiredString("id")
            .requiredLong("x")
            .endRecord();
    TableSync.ensure(c.catalog, NS, definition("widening", v1));

    TableSync.Result r = TableSync.ensure(c.catalog, NS, definition("widening", v2));

    assertThat(r.outcome()).isEqualTo(TableSync.Outcome.EVOLVED);
    assertThat(r.table().schema().findField("x").type()).isEqualTo(Types.LongType.get());
  }

  static org.apache.avro.Schema withOptionalString(org.apache.avro.Schema s, String name) {
    List<org.apache.avro.Schema.Field> fields = new ArrayList<>();
    for (org.apache.avro.Schema.Field f : s.getFields()) {
      fields.add(new org.apache.avro.Schema.Field(f, f.schema()));
    }
    fields.add(
        new org.apache.avro.Schema.Field(
            name,
            SchemaBuilder.builder().unionOf().nullType().and().stringType().endUnion(),
            "Added in v2.",
            org.apache.avro.Schema.Field.NULL_DEFAULT_VALUE));
    return org.apache.avro.Schema.createRecord(
        s.getName(), s.getDoc(), s.getNamespace(), false, fields);
  }

  static TableDefinition replaceInput(TableDefinition d, String name, org.apache.avro.Schema s) {
    List<RecordMapping> inputs = new ArrayList<>();
    for (RecordMapping m : d.inputs()) {
      inputs.add(
          m.name().equals(name)
              ? new RecordMapping(s, m.derivesSchema(), m.constants(), m.sources())
              : m);
    }
    return new TableDefinition(
        d.name(),
        d.description(),
        inputs,
        d.eventTypeColumn(),
        d.extraColumns(),
        d.partitioning(),
        d.sortColumns(),
        d.identifierColumns(),
        d.properties());
  }

  static TableDefinition definition(String table, org.apache.avro.Schema s) {
    return new TableDefinition(
        table,
        "test table",
        List.of(RecordMapping.of(s)),
        null,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        PROPS);
  }

  private static List<String> partitioning(Table t) {
    return t.spec().fields().stream()
        .map(f -> f.transform() + "(" + t.schema().findColumnName(f.sourceId()) + ")")
        .toList();
  }

  private static void append(Table t, Map<String, Object> values) throws Exception {
    Record rec = GenericRecord.create(t.schema());
    values.forEach(rec::setField);
    OutputFile out =
        t.io().newOutputFile(t.locationProvider().newDataLocation(System.nanoTime() + ".parquet"));
    DataWriter<Record> w =
        new GenericAppenderFactory(t.schema(), t.spec())
            .newDataWriter(EncryptedFiles.plainAsEncryptedOutput(out), FileFormat.PARQUET, null);
    try (w) {
      w.write(rec);
    }
    t.newAppend().appendFile(w.toDataFile()).commit();
  }
}
