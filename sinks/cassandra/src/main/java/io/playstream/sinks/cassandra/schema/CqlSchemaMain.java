package io.playstream.sinks.cassandra.schema;

import com.datastax.oss.driver.api.core.CqlSession;
import io.playstream.sinks.cassandra.CassandraSessions;
import io.playstream.sinks.cassandra.CassandraSinkOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Applies the platform's CQL schema and prints what it did: for {@code playstream up} right after
 * the node is ready, and for operators. The viewing-history job applies it too at its start.
 */
@Command(
    name = "cassandra-schema",
    mixinStandardHelpOptions = true,
    description = "Applies the versioned CQL schema (idempotent).")
public final class CqlSchemaMain implements Callable<Integer> {
  @Mixin CassandraSinkOptions cassandra = new CassandraSinkOptions();

  public static void main(String[] args) {
    System.exit(new CommandLine(new CqlSchemaMain()).execute(args));
  }

  @Override
  public Integer call() {
    try (CqlSession session = CassandraSessions.open(cassandra, "playstream-schema")) {
      CqlSchema.Result r = CqlSchema.apply(session, cassandra.keyspace, cassandra.replication);
      System.out.println(
          "keyspace "
              + cassandra.keyspace
              + ": applied "
              + r.applied()
              + ", already applied "
              + r.alreadyApplied());
    }
    return 0;
  }
}
