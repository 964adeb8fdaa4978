package io.playstream.sinks.cassandra.schema;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.playstream.sinks.cassandra.CassandraSessions;
import io.playstream.sinks.cassandra.CassandraSinkOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Prints the row count of every table of the platform keyspace as one JSON object, e.g. {@code
 * {"ratings_by_profile":12,"viewing_history_by_profile":40}}: for {@code playstream demo}. A full
 * scan per table, fine for local data volumes.
 */
@Command(
    name = "cassandra-counts",
    mixinStandardHelpOptions = true,
    description = "Prints rows per table of the keyspace as JSON (full scans: local use only).")
public final class TableCountsMain implements Callable<Integer> {
  @Mixin CassandraSinkOptions cassandra = new CassandraSinkOptions();

  public static void main(String[] args) {
    System.exit(new CommandLine(new TableCountsMain()).execute(args));
  }

  @Override
  public Integer call() {
    try (CqlSession session = CassandraSessions.open(cassandra, "playstream-counts")) {
      List<String> tables = new ArrayList<>();
      for (Row r :
          session.execute(
              SimpleStatement.newInstance(
                  "SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?",
                  cassandra.keyspace))) {
        String t = r.getString("table_name");
        if (!t.equals("schema_version")) {
          tables.add(t);
        }
      }
      StringBuilder json = new StringBuilder("{");
      for (String t : tables) {
        long n =
            session
                .execute(
                    SimpleStatement.newInstance(
                            "SELECT count(*) FROM " + cassandra.keyspace + "." + t)
                        .setTimeout(Duration.ofSeconds(60)))
                .one()
                .getLong(0);
        if (json.length() > 1) {
          json.append(',');
        }
        json.append('"').append(t).append("\":").append(n);
      }
      System.out.println(json.append('}'));
    }
    return 0;
  }
}
