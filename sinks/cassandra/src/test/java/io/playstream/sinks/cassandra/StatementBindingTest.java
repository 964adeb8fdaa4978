package io.playstream.sinks.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.ProtocolVersion;
import com.datastax.oss.driver.api.core.type.DataType;
import com.datastax.oss.driver.api.core.type.DataTypes;
import com.datastax.oss.driver.api.core.type.codec.TypeCodec;
import com.datastax.oss.driver.api.core.type.codec.registry.CodecRegistry;
import io.playstream.schemas.SampleEvents;
import io.playstream.sinks.cassandra.schema.CqlMigration;
import io.playstream.sinks.cassandra.schema.CqlSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every value a mapper produces binds to its column as the node declares it: the statement's
 * columns are looked up in the shipped CQL files and each value is encoded with the driver's codec
 * for that column type (a Long where the column is an int would fail here instead of as a rejected
 * write at run time).
 */
class StatementBindingTest {
  private static final Pattern INSERT =
      Pattern.compile("INSERT INTO ks\\.(\\w+) \\(([^)]*)\\) VALUES \\([^)]*\\)(.*)");
  private static final Pattern CREATE_TABLE =
      Pattern.compile("CREATE TABLE IF NOT EXISTS ks\\.(\\w+) \\((.*)\\)\\s*WITH", Pattern.DOTALL);
  private static final Map<String, DataType> TYPES =
      Map.of(
          "text", DataTypes.TEXT,
          "timestamp", DataTypes.TIMESTAMP,
          "bigint", DataTypes.BIGINT,
          "int", DataTypes.INT,
          "boolean", DataTypes.BOOLEAN,
          "double", DataTypes.DOUBLE);

  @Test
  void everyHistoryWriteBindsToTheDeclaredColumnTypes() {
    Map<String, Map<String, DataType>> tables = declaredColumns();
    Map<String, String> statements =
        new HistoryMapper(Duration.ofDays(180), java.time.Clock.systemUTC(), "t").statements("ks");
    List<CqlWrite> writes =
        List.of(
            HistoryMapper.toWrite(
                SampleEvents.stopped(), SampleEvents.SAMPLE_TIME, Duration.ofDays(1)),
            HistoryMapper.toWrite(
                SampleEvents.rating(), SampleEvents.SAMPLE_TIME, Duration.ofDays(1)),
            HistoryMapper.toWrite(
                SampleEvents.sessionSummary(), SampleEvents.SAMPLE_TIME, Duration.ofDays(1)));

    for (CqlWrite w : writes) {
      Matcher m = INSERT.matcher(statements.get(w.statement()));
      assertThat(m.matches()).as(statements.get(w.statement())).isTrue();
      Map<String, DataType> columns = tables.get(m.group(1));
      assertThat(columns).as("table " + m.group(1) + " in the CQL files").isNotNull();
      List<DataType> markers = new ArrayList<>();
      for (String c : m.group(2).split(",")) {
        DataType t = columns.get(c.strip());
        assertThat(t).as(m.group(1) + "." + c.strip() + " declared").isNotNull();
        markers.add(t);
      }
      String using = m.group(3);
      if (using.contains("TTL ?")) {
        markers.add(DataTypes.INT);
      }
      if (using.contains("TIMESTAMP ?")) {
        markers.add(DataTypes.BIGINT);
      }
      assertThat(w.values()).as(w.statement()).hasSameSizeAs(markers);
      for (int i = 0; i < markers.size(); i++) {
        Object value = w.values().get(i);
        if (value == null) {
          continue;
        }
        TypeCodec<Object> codec = CodecRegistry.DEFAULT.codecFor(markers.get(i), value);
        assertThat(codec.encode(value, ProtocolVersion.DEFAULT))
            .as(w.statement() + " value " + i)
            .isNotNull();
      }
    }
  }

  private static Map<String, Map<String, DataType>> declaredColumns() {
    Map<String, Map<String, DataType>> out = new HashMap<>();
    for (CqlMigration migration : CqlSchema.migrations()) {
      for (String s :
          migration.statements(
              Map.of("keyspace", "ks", "replication", CqlSchema.LOCAL_REPLICATION))) {
        Matcher m = CREATE_TABLE.matcher(s);
        if (!m.find()) {
          continue;
        }
        Map<String, DataType> columns = new HashMap<>();
        for (String line : m.group(2).split("\n")) {
          String[] words = line.strip().replace(",", "").split("\\s+");
          if (words.length >= 2 && TYPES.containsKey(words[1].toLowerCase(Locale.ROOT))) {
            columns.put(words[0], TYPES.get(words[1].toLowerCase(Locale.ROOT)));
          }
        }
        out.put(m.group(1), columns);
      }
    }
    return out;
  }
}
