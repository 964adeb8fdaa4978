package io.playstream.sinks.iceberg;

import io.playstream.flink.DeadLetter;
import io.playstream.flink.RawEvent;
import io.playstream.schemas.DeadLetterHeaders;
import io.playstream.schemas.EventCodec;
import io.playstream.schemas.EventDecodingException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.apache.iceberg.Schema;
import org.apache.iceberg.flink.FlinkSchemaUtil;

/**
 * Decodes raw records once and routes each event, as a row of its table, to that table's output;
 * what cannot be decoded or converted becomes a dead letter (the main output).
 *
 * <p>Rows of a {@link RecordMapping} that does not derive the table's schema (a partial row, e.g.
 * TitleRemoved in {@code catalog_titles}) are emitted with {@link RowKind#UPDATE_AFTER}: they
 * update an existing row, and {@link PartialRowMerger} completes them. Every other row is {@link
 * RowKind#INSERT}. Events of types no table takes are counted ({@code eventsSkipped}) and dropped
 * without decoding when their {@code ps.event-type} header names the type.
 *
 * <p>Metrics: {@code rowsRouted}, {@code eventsDeadLettered}, {@code eventsSkipped}.
 */
public final class RowRouter extends ProcessFunction<RawEvent, DeadLetter> {
  private static final long serialVersionUID = 1L;

  private final String component;
  private final Map<String, Schema> tableSchemas;
  private final Map<String, TableDefinition> definitions;
  private final Map<String, OutputTag<RowData>> tags;

  private transient EventCodec codec;
  private transient Map<String, Target> targets;
  private transient Set<String> knownTypes;
  private transient Counter routed;
  private transient Counter deadLettered;
  private transient Counter skipped;

  private RowRouter(
      String component,
      Map<String, TableDefinition> definitions,
      Map<String, Schema> tableSchemas,
      Map<String, OutputTag<RowData>> tags) {
    this.component = component;
    this.definitions = definitions;
    this.tableSchemas = tableSchemas;
    this.tags = tags;
  }

  /**
   * A table to route to: its definition and the table's current schema (after {@link TableSync}).
   */
  public record Binding(TableDefinition definition, Schema schema) {}

  /** The routed streams: rows per table and the dead letters. */
  public static final class Routed {
    private final SingleOutputStreamOperator<DeadLetter> op;
    private final Map<String, OutputTag<RowData>> tags;

    Routed(SingleOutputStreamOperator<DeadLetter> op, Map<String, OutputTag<RowData>> tags) {
      this.op = op;
      this.tags = tags;
    }

    /** The rows of one table, typed with the table's Flink row type. */
    public DataStream<RowData> rows(String table) {
      OutputTag<RowData> tag = tags.get(table);
      if (tag == null) {
        throw new IllegalArgumentException("no table " + table + "; routed: " + tags.keySet());
      }
      return op.getSideOutput(tag);
    }

    /** Records that could not be decoded or converted. */
    public DataStream<DeadLetter> deadLetters() {
      return op;
    }
  }

  /**
   * Routes a raw stream to tables.
   *
   * @param name operator name and uid suffix, also the dead letters' component
   */
  public static Routed route(DataStream<RawEvent> raw, String name, List<Binding> bindings) {
    RowRouter router = create(name, bindings);
    SingleOutputStreamOperator<DeadLetter> op =
        raw.process(router, TypeInformation.of(DeadLetter.class))
            .name("rows " + name)
            .uid("rows-" + name);
    return new Routed(op, router.tags);
  }

  /** The function itself (for operator test harnesses); {@link #route} wires it into a job. */
  static RowRouter create(String name, List<Binding> bindings) {
    Map<String, TableDefinition> defs = new LinkedHashMap<>();
    Map<String, Schema> schemas = new LinkedHashMap<>();
    Map<String, OutputTag<RowData>> tags = new LinkedHashMap<>();
    for (Binding b : bindings) {
      String table = b.definition().name();
      defs.put(table, b.definition());
      schemas.put(table, b.schema());
      tags.put(table, tag(table, b.schema()));
    }
    return new RowRouter(name, defs, schemas, tags);
  }

  /** The side output of each table. */
  Map<String, OutputTag<RowData>> tags() {
    return tags;
  }

  /** The Flink type of a table's rows. */
  public static InternalTypeInfo<RowData> rowType(Schema schema) {
    return InternalTypeInfo.of(FlinkSchemaUtil.convert(schema));
  }

  private static OutputTag<RowData> tag(String table, Schema schema) {
    return new OutputTag<>("rows-" + table, rowType(schema));
  }

  private record Target(AvroRowConverter converter, OutputTag<RowData> tag, boolean partial) {}

  @Override
  public void open(OpenContext ctx) {
    codec = EventCodec.standard();
    targets = new HashMap<>();
    knownTypes = new HashSet<>();
    for (Map.Entry<String, TableDefinition> e : definitions.entrySet()) {
      TableDefinition def = e.getValue();
      Schema schema = tableSchemas.get(e.getKey());
      for (RecordMapping m : def.inputs()) {
        RecordMapping mapping = def.input(m.name());
        Target t =
            new Target(
                AvroRowConverter.of(schema, mapping), tags.get(e.getKey()), !m.derivesSchema());
        if (targets.put(m.schema().getFullName(), t) != null) {
          throw new IllegalArgumentException(
              m.name() + " is written to two tables; each record type goes to one table");
        }
        knownTypes.add(m.name());
      }
    }
    var group = getRuntimeContext().getMetricGroup();
    routed = group.counter("rowsRouted");
    deadLettered = group.counter("eventsDeadLettered");
    skipped = group.counter("eventsSkipped");
  }

  @Override
  public void processElement(RawEvent e, Context ctx, Collector<DeadLetter> out) {
    if (e.eventType != null && !knownTypes.contains(e.eventType)) {
      skipped.inc();
      return;
    }
    SpecificRecord event;
    try {
      event = codec.decode(e.value);
    } catch (EventDecodingException ex) {
      deadLettered.inc();
      out.collect(DeadLetter.of(e, ex.reason(), ex.getMessage(), component));
      return;
    } catch (RuntimeException ex) {
      deadLettered.inc();
      out.collect(DeadLetter.of(e, DeadLetterHeaders.PROCESSING_ERROR, ex.toString(), component));
      return;
    }
    Target t = targets.get(event.getSchema().getFullName());
    if (t == null) {
      skipped.inc();
      return;
    }
    GenericRowData row;
    try {
      row = t.converter.convert(event);
    } catch (RowConversionException ex) {
      deadLettered.inc();
      out.collect(DeadLetter.of(e, DeadLetterHeaders.SINK_REJECTED, ex.getMessage(), component));
      return;
    }
    if (t.partial) {
      row.setRowKind(RowKind.UPDATE_AFTER);
    }
    routed.inc();
    ctx.output(t.tag, row);
  }
}
