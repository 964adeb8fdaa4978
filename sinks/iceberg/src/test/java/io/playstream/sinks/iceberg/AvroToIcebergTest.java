package io.playstream.sinks.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playstream.schemas.EventType;
import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.SchemaBuilder;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AvroToIcebergTest {
  private static final List<String> HEADER_COLUMNS =
      List.of("event_id", "event_time", "service", "instance", "trace_id");

  @ParameterizedTest
  @EnumSource(EventType.class)
  void everyEventTypeFlattensItsHeaderAndKeepsEveryField(EventType type) {
    org.apache.avro.Schema avro = type.schema();
    Schema schema = AvroToIceberg.schemaOf(avro);

    assertThat(schema.columns().subList(0, 5))
        .extracting(Types.NestedField::name)
        .containsExactlyElementsOf(HEADER_COLUMNS);
    assertThat(schema.findField("header")).isNull();
    assertThat(schema.findField("event_id").isRequired()).isTrue();
    assertThat(schema.findField("event_id").type()).isEqualTo(Types.StringType.get());
    assertThat(schema.findField("event_time").type()).isEqualTo(Types.TimestampType.withZone());
    assertThat(schema.findField("event_time").isRequired()).isTrue();
    assertThat(schema.findField("trace_id").isOptional()).isTrue();
    assertThat(schema.findField("event_id").doc()).contains("Globally unique");

    List<org.apache.avro.Schema.Field> fields =
        avro.getFields().stream().filter(f -> !f.name().equals("header")).toList();
    assertThat(schema.columns()).hasSize(HEADER_COLUMNS.size() + fields.size());
    for (org.apache.avro.Schema.Field f : fields) {
      Types.NestedField column = schema.findField(f.name());
      assertThat(column).as(f.name()).isNotNull();
      assertThat(column.isOptional()).as(f.name()).isEqualTo(AvroToIceberg.isNullable(f.schema()));
      assertThat(column.doc()).as(f.name()).isEqualTo(f.doc());
    }
  }

  @Test
  void typesOfThePlaybackAndCatalogEvents() {
    Schema started = AvroToIceberg.schemaOf(EventType.PLAYBACK_STARTED.schema());
    assertThat(started.findField("startup_latency_ms").type()).isEqualTo(Types.IntegerType.get());
    assertThat(started.findField("client_ip").isOptional()).isTrue();

    Schema heartbeat = AvroToIceberg.schemaOf(EventType.PLAYBACK_HEARTBEAT.schema());
    assertThat(heartbeat.findField("position_ms").type()).isEqualTo(Types.LongType.get());

    Schema stopped = AvroToIceberg.schemaOf(EventType.PLAYBACK_STOPPED.schema());
    assertThat(stopped.findField("reason").type()).as("enum").isEqualTo(Types.StringType.get());

    Schema error = AvroToIceberg.schemaOf(EventType.PLAYBACK_ERROR.schema());
    assertThat(error.findField("fatal").type()).isEqualTo(Types.BooleanType.get());

    Schema title = AvroToIceberg.schemaOf(EventType.TITLE_UPSERTED.schema());
    Type genres = title.findField("genres").type();
    assertThat(genres.isListType()).isTrue();
    assertThat(genres.asListType().elementType()).isEqualTo(Types.StringType.get());
    assertThat(genres.asListType().isElementRequired()).isTrue();
    assertThat(title.findField("release_year").isOptional()).isTrue();

    Schema sessions = AvroToIceberg.schemaOf(EventType.PLAYBACK_SESSION_SUMMARY.schema());
    assertThat(sessions.findField("started_at").type()).isEqualTo(Types.TimestampType.withZone());
    assertThat(sessions.findField("stop_reason").type()).isEqualTo(Types.StringType.get());
    assertThat(sessions.findField("stop_reason").isOptional()).isTrue();
  }

  @Test
  void nestedRecordsInAnArrayBecomeAListOfStructs() {
    Schema steering = AvroToIceberg.schemaOf(EventType.STEERING_DECISION.schema());
    Types.NestedField candidates = steering.findField("candidates");
    assertThat(candidates.isRequired()).isTrue();
    Types.StructType element = candidates.type().asListType().elementType().asStructType();
    assertThat(element.fields())
        .extracting(Types.NestedField::name)
        .containsExactly("server_id", "rank", "score");
    assertThat(element.field("rank").type()).isEqualTo(Types.IntegerType.get());
    assertThat(element.field("score").type()).isEqualTo(Types.DoubleType.get());
    assertThat(steering.findField("candidates.element.server_id")).isNotNull();
  }

  @Test
  void fieldIdsAreUniqueAcrossNestedTypes() {
    Schema steering = AvroToIceberg.schemaOf(EventType.STEERING_DECISION.schema());
    // Schema's constructor indexes every id and fails on a duplicate; also check the count
    assertThat(steering.highestFieldId())
        .isEqualTo(steering.columns().size() + 1 /* element */ + 3 /* struct fields */);
  }

  @Test
  void logicalTypesMapsBytesAndFixed() {
    org.apache.avro.Schema dec =
        LogicalTypes.decimal(10, 2).addToSchema(SchemaBuilder.builder().bytesType());
    org.apache.avro.Schema avro =
        SchemaBuilder.record("AllTypes")
            .namespace("test")
            .fields()
            .name("d")
            .type(LogicalTypes.date().addToSchema(SchemaBuilder.builder().intType()))
            .noDefault()
            .name("t")
            .type(LogicalTypes.timeMillis().addToSchema(SchemaBuilder.builder().intType()))
            .noDefault()
            .name("ts_micros")
            .type(LogicalTypes.timestampMicros().addToSchema(SchemaBuilder.builder().longType()))
            .noDefault()
            .name("local_ts")
            .type(
                LogicalTypes.localTimestampMillis().addToSchema(SchemaBuilder.builder().longType()))
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
            .name("tags")
            .type()
            .optional()
            .array()
            .items()
            .nullable()
            .stringType()
            .name("blob")
            .type()
            .bytesType()
            .noDefault()
            .name("hash")
            .type()
            .fixed("Hash")
            .size(16)
            .noDefault()
            .name("ratio")
            .type()
            .floatType()
            .noDefault()
            .endRecord();

    Schema s = AvroToIceberg.schemaOf(avro);

    assertThat(s.findField("d").type()).isEqualTo(Types.DateType.get());
    assertThat(s.findField("t").type()).isEqualTo(Types.TimeType.get());
    assertThat(s.findField("ts_micros").type()).isEqualTo(Types.TimestampType.withZone());
    assertThat(s.findField("local_ts").type()).isEqualTo(Types.TimestampType.withoutZone());
    assertThat(s.findField("amount").type()).isEqualTo(Types.DecimalType.of(10, 2));
    Types.MapType counts = s.findField("counts").type().asMapType();
    assertThat(counts.keyType()).isEqualTo(Types.StringType.get());
    assertThat(counts.valueType()).isEqualTo(Types.LongType.get());
    assertThat(counts.isValueRequired()).isTrue();
    Types.NestedField tags = s.findField("tags");
    assertThat(tags.isOptional()).isTrue();
    assertThat(tags.type().asListType().isElementOptional()).isTrue();
    assertThat(s.findField("blob").type()).isEqualTo(Types.BinaryType.get());
    assertThat(s.findField("hash").type()).isEqualTo(Types.FixedType.ofLength(16));
    assertThat(s.findField("ratio").type()).isEqualTo(Types.FloatType.get());
    // no header: the record's own fields only
    assertThat(s.columns()).hasSize(10);
  }

  @Test
  void unionsOtherThanNullableAreRejected() {
    org.apache.avro.Schema avro =
        SchemaBuilder.record("Bad")
            .fields()
            .name("either")
            .type()
            .unionOf()
            .stringType()
            .and()
            .intType()
            .endUnion()
            .noDefault()
            .endRecord();
    assertThatThrownBy(() -> AvroToIceberg.schemaOf(avro))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Bad.either")
        .hasMessageContaining("only a union of null and one type");
  }

  @Test
  void aWideSchemaIsTheUnionOfThePlaybackEvents() {
    Types.NestedField eventType =
        Types.NestedField.required(0, "event_type", Types.StringType.get());
    Schema wide =
        AvroToIceberg.unionOf(
            List.of(eventType),
            TableDefinitions.PLAYBACK_EVENT_TYPES.stream().map(EventType::schema).toList());

    assertThat(wide.columns().get(0).name()).isEqualTo("event_type");
    assertThat(wide.columns().subList(1, 6))
        .extracting(Types.NestedField::name)
        .containsExactlyElementsOf(HEADER_COLUMNS);
    // in every type and required everywhere
    for (String c : List.of("event_type", "event_id", "event_time", "session_id", "title_id")) {
      assertThat(wide.findField(c).isRequired()).as(c).isTrue();
    }
    // required in PlaybackStarted, optional in PlaybackError, missing in the others
    assertThat(wide.findField("country").isOptional()).isTrue();
    // only in PlaybackStarted
    assertThat(wide.findField("startup_latency_ms").isOptional()).isTrue();
    // only in PlaybackStopped
    assertThat(wide.findField("reason").isOptional()).isTrue();
    // in PlaybackHeartbeat and PlaybackStopped
    assertThat(wide.findField("position_ms").type()).isEqualTo(Types.LongType.get());

    long distinct =
        TableDefinitions.PLAYBACK_EVENT_TYPES.stream()
            .flatMap(t -> AvroToIceberg.schemaOf(t.schema()).columns().stream())
            .map(Types.NestedField::name)
            .distinct()
            .count();
    assertThat(wide.columns()).hasSize((int) distinct + 1);
  }

  @Test
  void aWideSchemaRejectsAColumnWithTwoTypes() {
    org.apache.avro.Schema a = SchemaBuilder.record("A").fields().requiredString("x").endRecord();
    org.apache.avro.Schema b = SchemaBuilder.record("B").fields().requiredInt("x").endRecord();
    assertThatThrownBy(() -> AvroToIceberg.unionOf(List.of(), List.of(a, b)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("column 'x'")
        .hasMessageContaining("in A")
        .hasMessageContaining("in B");
  }
}
