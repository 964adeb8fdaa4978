package io.playstream.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

/** Runs SQL statements on a Spark session and returns their rows as plain Java values. */
public final class SqlRunner implements StatementRunner {
  private final SparkSession spark;

  /** A runner on an open session (see {@link SparkSessions#open}). */
  public SqlRunner(SparkSession spark) {
    this.spark = spark;
  }

  /** The session. */
  public SparkSession spark() {
    return spark;
  }

  /**
   * Runs one statement and keeps at most {@code maxRows} of its rows ({@link
   * QueryResult#truncated()} tells whether there were more). Commands (DDL, INSERT, CALL) run to
   * completion before this returns.
   */
  @Override
  public QueryResult run(String sql, int maxRows) {
    Dataset<Row> ds = spark.sql(sql);
    StructType schema = ds.schema();
    if (schema.fields().length == 0) {
      return QueryResult.empty();
    }
    List<String> columns = new ArrayList<>();
    for (StructField f : schema.fields()) {
      columns.add(f.name());
    }
    List<Row> taken = ds.takeAsList(maxRows == Integer.MAX_VALUE ? maxRows : maxRows + 1);
    boolean truncated = taken.size() > maxRows;
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < Math.min(taken.size(), maxRows); i++) {
      Row r = taken.get(i);
      List<Object> values = new ArrayList<>(r.size());
      for (int c = 0; c < r.size(); c++) {
        values.add(toJava(r.get(c)));
      }
      rows.add(values);
    }
    return new QueryResult(columns, rows, truncated);
  }

  /** Spark's values as plain Java: nested rows as maps, Scala sequences and maps as Java ones. */
  static Object toJava(Object v) {
    if (v instanceof Row row) {
      Map<String, Object> out = new LinkedHashMap<>();
      StructType schema = row.schema();
      for (int i = 0; i < row.size(); i++) {
        String name = schema != null ? schema.fields()[i].name() : "_" + (i + 1);
        out.put(name, toJava(row.get(i)));
      }
      return out;
    }
    if (v instanceof scala.collection.Seq<?> seq) {
      List<Object> out = new ArrayList<>();
      for (Object e : JavaConverters.seqAsJavaList(seq)) {
        out.add(toJava(e));
      }
      return out;
    }
    if (v instanceof scala.collection.Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      JavaConverters.mapAsJavaMap(map).forEach((k, e) -> out.put(toJava(k), toJava(e)));
      return out;
    }
    return v;
  }
}
