package io.playstream.sinks.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playstream.events.PlaybackStarted;
import io.playstream.events.SteeringDecision;
import io.playstream.events.TitleRemoved;
import io.playstream.events.TitleUpserted;
import io.playstream.schemas.EventType;
import io.playstream.schemas.SampleEvents;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.iceberg.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AvroRowConverterTest {
  private static final Map<String, String> PROPS = TableDefinitions.defaultWriteProperties();

  @Test
  void aPlaybackStartedBecomesAWideRow() {
    TableDefinition def = TableDefinitions.playbackEvents(PROPS);
    Schema table = def.schema();
    AvroRowConverter c = AvroRowConverter.of(table, def.input("PlaybackStarted"));
    PlaybackStarted e = SampleEvents.started();

    GenericRowData row = c.convert(e);

    assertThat(row.getArity()).isEqualTo(table.columns().size());
    assertThat(string(row, c, "event_type")).isEqualTo("PlaybackStarted");
    assertThat(string(row, c, "event_id")).isEqualTo(e.getHeader().getEventId());
    assertThat(row.getField(c.indexOf("event_time")))
        .isEqualTo(TimestampData.fromInstant(SampleEvents.SAMPLE_TIME));
    assertThat(string(row, c, "trace_id")).isEqualTo("trace-1");
    assertThat(string(row, c, "country")).isEqualTo("US");
    assertThat(row.getField(c.indexOf("startup_latency_ms"))).isEqualTo(850);
    // columns of the other playback types are null
    assertThat(row.getField(c.indexOf("position_ms"))).isNull();
    assertThat(row.getField(c.indexOf("reason"))).isNull();
    assertThat(row.getField(c.indexOf("fatal"))).isNull();
    assertThat(c.rowType().getFieldNames())
        .containsExactlyElementsOf(table.columns().stream().map(f -> f.name()).toList());
  }

  @ParameterizedTest
  @EnumSource(
      value = EventType.class,
      names = {
        "PLAYBACK_STARTED",
        "PLAYBACK_HEARTBEAT",
        "PLAYBACK_STOPPED",
        "PLAYBACK_ERROR",
        "STEERING_DECISION",
        "PLAYBACK_SESSION_SUMMARY",
        "TITLE_UPSERTED",
        "TITLE_REMOVED"
      })
  void everySampleEventConvertsIntoItsTable(EventType type) {
    TableDefinition def =
        TableDefinitions.all(PROPS).stream()
            .filter(d -> d.input(type.simpleName()) != null)
            .findFirst()
            .orElseThrow();
    AvroRowConverter c = AvroRowConverter.of(def.schema(), def.input(type.simpleName()));
    GenericRowData row = c.convert(SampleEvents.of(type));
    assertThat(string(row, c, "event_id")).isNotBlank();
  }

  @Test
  void enumsBecomeStrings() {
    TableDefinition def = TableDefinitions.playbackEvents(PROPS);
    AvroRowConverter c = AvroRowConverter.of(def.schema(), def.input("PlaybackStopped"));
    GenericRowData row = c.convert(SampleEvents.stopped());
    assertThat(string(row, c, "reason")).isEqualTo("USER_STOPPED");
    assertThat(string(row, c, "event_type")).isEqualTo("PlaybackStopped");
  }

  @Test
  void aListOfRecordsBecomesAnArrayOfRows() {
    TableDefinition def = TableDefinitions.steeringDecisions(PROPS);
    AvroRowConverter c = AvroRowConverter.of(def.schema(), def.input("SteeringDecision"));
    SteeringDecision e = SampleEvents.steering();

    GenericRowData row = c.convert(e);

    ArrayData candidates = row.getArray(c.indexOf("candidates"));
    assertThat(candidates.size()).isEqualTo(2);
    RowData first = candidates.getRow(0, 3);
    assertThat(first.getString(0).toString()).isEqualTo("oca-us-east-1");
    assertThat(first.getInt(1)).isEqualTo(1);
    assertThat(first.getDouble(2)).isEqualTo(0.92);
    assertThat(row.getBoolean(c.indexOf("fallback_used"))).isFalse();
  }

  @Test
  void catalogRowsCarryTheRemovalColumns() {
    TableDefinition def = TableDefinitions.catalogTitles(PROPS);
    Schema table = def.schema();
    AvroRowConverter upsert = AvroRowConverter.of(table, def.input("TitleUpserted"));
    AvroRowConverter removal = AvroRowConverter.of(table, def.input("TitleRemoved"));
    TitleUpserted u = SampleEvents.titleUpserted();
    TitleRemoved r = SampleEvents.titleRemoved();

    GenericRowData up = upsert.convert(u);
    GenericRowData rm = removal.convert(r);

    assertThat(string(up, upsert, "name")).isEqualTo("Toy Story (1995)");
    assertThat(up.getArray(upsert.indexOf("genres")).size()).isEqualTo(3);
    assertThat(up.getField(upsert.indexOf("release_year"))).isEqualTo(1995);
    assertThat(up.getField(upsert.indexOf("removed"))).isEqualTo(false);
    assertThat(up.getField(upsert.indexOf("removed_at"))).isNull();

    assertThat(string(rm, removal, "title_id")).isEqualTo("t-1");
    assertThat(rm.getField(removal.indexOf("name"))).isNull();
    assertThat(rm.getField(removal.indexOf("removed"))).isEqualTo(true);
    assertThat(string(rm, removal, "removal_reason")).isEqualTo("license expired");
    assertThat(rm.getField(removal.indexOf("removed_at")))
        .isEqualTo(TimestampData.fromInstant(r.getHeader().getEventTime()));
  }

  @Test
  void genericRecordsWithRawLogicalValuesConvert() {
    org.apache.avro.Schema dec =
        LogicalTypes.decimal(10, 2).addToSchema(SchemaBuilder.builder().bytesType());
    org.apache.avro.Schema avro =
        SchemaBuilder.record("Raw")
            .fields()
            .name("d")
            .type(LogicalTypes.date().addToSchema(SchemaBuilder.builder().intType()))
            .noDefault()
            .name("ts")
            .type(LogicalTypes.timestampMicros().addToSchema(SchemaBuilder.builder().longType()))
            .noDefault()
            .name("amount")
            .type(dec)
            .noDefault()
            .name("counts")
            .type()
            .map()
            .values()
            .longType()
            .noDefault()
            .name("blob")
            .type()
            .bytesType()
            .noDefault()
            .endRecord();
    GenericData.Record r = new GenericData.Record(avro);
    r.put("d", (int) LocalDate.of(2026, 1, 2).toEpochDay());
    r.put("ts", 1_767_225_600_123_456L);
    r.put("amount", ByteBuffer.wrap(new BigDecimal("12.34").unscaledValue().toByteArray()));
    r.put("counts", Map.of("a", 1L));
    r.put("blob", ByteBuffer.wrap(new byte[] {1, 2, 3}));
    AvroRowConverter c = AvroRowConverter.of(AvroToIceberg.schemaOf(avro), avro, Map.of());

    GenericRowData row = c.convert(r);

    assertThat(row.getInt(0)).isEqualTo((int) LocalDate.of(2026, 1, 2).toEpochDay());
    TimestampData ts = row.getTimestamp(1, 6);
    assertThat(ts.getMillisecond()).isEqualTo(1_767_225_600_123L);
    assertThat(ts.getNanoOfMillisecond()).isEqualTo(456_000);
    assertThat(row.getDecimal(2, 10, 2).toBigDecimal()).isEqualByComparingTo("12.34");
    MapData counts = row.getMap(3);
    assertThat(counts.keyArray().getString(0)).isEqualTo(StringData.fromString("a"));
    assertThat(counts.valueArray().getLong(0)).isEqualTo(1L);
    assertThat(row.getBinary(4)).containsExactly(1, 2, 3);
  }

  @Test
  void anOlderRecordWithoutANewOptionalColumnGivesNull() {
    org.apache.avro.Schema v1 =
        SchemaBuilder.record("Evolving").fields().requiredString("id").endRecord();
    org.apache.avro.Schema v2 =
        SchemaBuilder.record("Evolving")
            .fields()
            .requiredString("id")
            .optionalString("added")
            .endRecord();
    AvroRowConverter c = AvroRowConverter.of(AvroToIceberg.schemaOf(v2), v1, Map.of());
    GenericData.Record r = new GenericData.Record(v1);
    r.put("id", "x");

    GenericRowData row = c.convert(r);

    assertThat(row.getString(0).toString()).isEqualTo("x");
    assertThat(row.isNullAt(1)).isTrue();
  }

  @Test
  void aRequiredColumnWithoutASourceFailsAtBuildTime() {
    TableDefinition def = TableDefinitions.playbackEvents(PROPS);
    org.apache.avro.Schema unrelated =
        SchemaBuilder.record("Unrelated").fields().requiredString("x").endRecord();
    assertThatThrownBy(() -> AvroRowConverter.of(def.schema(), unrelated, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("required column 'event_type'");
  }

  @Test
  void aNullInARequiredColumnIsARowConversionError() {
    org.apache.avro.Schema avro =
        SchemaBuilder.record("Strict").fields().requiredString("id").endRecord();
    AvroRowConverter c = AvroRowConverter.of(AvroToIceberg.schemaOf(avro), avro, Map.of());
    GenericData.Record r = new GenericData.Record(avro);
    assertThatThrownBy(() -> c.convert(r))
        .isInstanceOf(RowConversionException.class)
        .hasMessageContaining("required column 'id' is null");
  }

  @Test
  void constantsAreConvertedByColumnType() {
    org.apache.avro.Schema avro =
        SchemaBuilder.record("C").fields().requiredString("id").endRecord();
    Schema table =
        new Schema(
            org.apache.iceberg.types.Types.NestedField.required(
                1, "id", org.apache.iceberg.types.Types.StringType.get()),
            org.apache.iceberg.types.Types.NestedField.optional(
                2, "at", org.apache.iceberg.types.Types.TimestampType.withZone()),
            org.apache.iceberg.types.Types.NestedField.optional(
                3, "n", org.apache.iceberg.types.Types.LongType.get()));
    Instant at = Instant.parse("2026-01-01T00:00:00Z");
    AvroRowConverter c = AvroRowConverter.of(table, avro, Map.of("at", at, "n", 7L));
    GenericData.Record r = new GenericData.Record(avro);
    r.put("id", "x");
    GenericRowData row = c.convert(r);
    assertThat(row.getTimestamp(1, 6)).isEqualTo(TimestampData.fromInstant(at));
    assertThat(row.getLong(2)).isEqualTo(7L);
  }

  private static String string(RowData row, AvroRowConverter c, String column) {
    int i = c.indexOf(column);
    assertThat(i).as(column).isNotNegative();
    return row.isNullAt(i) ? null : row.getString(i).toString();
  }
}
