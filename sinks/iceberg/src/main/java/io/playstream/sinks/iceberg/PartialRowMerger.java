package io.playstream.sinks.iceberg;

import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.Collector;
import org.apache.iceberg.Schema;
import org.apache.iceberg.flink.FlinkSchemaUtil;

/**
 * Completes partial rows of an upsert table before the sink writes them. Keyed by the table's
 * identifier columns; keeps the key's last written row.
 *
 * <ul>
 *   <li>a full row ({@link RowKind#INSERT}) replaces the key's row and is written as is;
 *   <li>a partial row ({@link RowKind#UPDATE_AFTER}, see {@link RowRouter}) takes the non-null
 *       columns it has over the key's last row (e.g. a TitleRemoved sets the header columns and the
 *       removal columns and keeps the title's name and genres) and is written as an INSERT; with no
 *       earlier row (the job started without state after the upsert) it is written as it is.
 * </ul>
 *
 * <p>The upsert sink then replaces the table's row for the key (equality delete + insert).
 */
public final class PartialRowMerger extends KeyedProcessFunction<String, RowData, RowData> {
  private static final long serialVersionUID = 1L;

  private final Schema schema;
  private transient ValueState<RowData> last;
  private transient RowData.FieldGetter[] getters;

  public PartialRowMerger(Schema schema) {
    this.schema = schema;
  }

  @Override
  public void open(OpenContext ctx) {
    RowType type = FlinkSchemaUtil.convert(schema);
    last =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("last-row", InternalTypeInfo.of(type)));
    getters = new RowData.FieldGetter[type.getFieldCount()];
    for (int i = 0; i < getters.length; i++) {
      getters[i] = RowData.createFieldGetter(type.getTypeAt(i), i);
    }
  }

  @Override
  public void processElement(RowData row, Context ctx, Collector<RowData> out) throws Exception {
    RowData previous = last.value();
    RowData result;
    if (row.getRowKind() == RowKind.UPDATE_AFTER && previous != null) {
      result = merge(previous, row);
    } else {
      GenericRowData copy = copy(row);
      copy.setRowKind(RowKind.INSERT);
      result = copy;
    }
    last.update(result);
    out.collect(result);
  }

  private GenericRowData merge(RowData base, RowData update) {
    GenericRowData out = new GenericRowData(RowKind.INSERT, getters.length);
    for (int i = 0; i < getters.length; i++) {
      Object v = getters[i].getFieldOrNull(update);
      out.setField(i, v != null ? v : getters[i].getFieldOrNull(base));
    }
    return out;
  }

  private GenericRowData copy(RowData row) {
    GenericRowData out = new GenericRowData(row.getRowKind(), getters.length);
    for (int i = 0; i < getters.length; i++) {
      out.setField(i, getters[i].getFieldOrNull(row));
    }
    return out;
  }

  /** Key of a row: its identifier columns' values, joined. */
  public static KeySelector<RowData, String> keySelector(Schema schema, List<String> columns) {
    RowType type = FlinkSchemaUtil.convert(schema);
    int[] positions = new int[columns.size()];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = type.getFieldIndex(columns.get(i));
      if (positions[i] < 0) {
        throw new IllegalArgumentException("no column " + columns.get(i) + " in " + schema);
      }
    }
    RowData.FieldGetter[] g = new RowData.FieldGetter[positions.length];
    for (int i = 0; i < positions.length; i++) {
      g[i] = RowData.createFieldGetter(type.getTypeAt(positions[i]), positions[i]);
    }
    return new IdentifierKey(g);
  }

  private static final class IdentifierKey implements KeySelector<RowData, String> {
    private static final long serialVersionUID = 1L;
    private final RowData.FieldGetter[] getters;

    IdentifierKey(RowData.FieldGetter[] getters) {
      this.getters = getters;
    }

    @Override
    public String getKey(RowData row) {
      if (getters.length == 1) {
        return String.valueOf(getters[0].getFieldOrNull(row));
      }
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < getters.length; i++) {
        if (i > 0) {
          b.append('\u0000');
        }
        b.append(getters[i].getFieldOrNull(row));
      }
      return b.toString();
    }
  }
}
