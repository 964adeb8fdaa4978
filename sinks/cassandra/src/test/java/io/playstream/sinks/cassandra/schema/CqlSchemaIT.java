package io.playstream.sinks.cassandra.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.metadata.schema.ClusteringOrder;
import com.datastax.oss.driver.api.core.metadata.schema.TableMetadata;
import io.playstream.infra.testing.LocalCassandraExtension;
import io.playstream.sinks.cassandra.CassandraSessions;
import io.playstream.sinks.cassandra.CassandraSinkOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The versioned schema on a real Cassandra node. */
class CqlSchemaIT {
  @RegisterExtension
  static final LocalCassandraExtension CASSANDRA = LocalCassandraExtension.shared();

  private static final AtomicInteger N = new AtomicInteger();
  private static CqlSession session;

  @BeforeAll
  static void connect() {
    CassandraSinkOptions o = new CassandraSinkOptions();
    o.contactPoints = CASSANDRA.contactPoints();
    o.localDatacenter = CASSANDRA.localDatacenter();
    session = CassandraSessions.open(o, "schema-it");
  }

  @AfterAll
  static void close() {
    session.close();
  }

  private static String keyspace() {
    return "schema_it_" + ProcessHandle.current().pid() + "_" + N.incrementAndGet();
  }

  @Test
  void firstApplyCreatesEverythingAndASecondApplyIsANoOp() {
    String ks = keyspace();

    CqlSchema.Result first = CqlSchema.apply(session, ks);
    var schemaVersionAfterFirst = session.getMetadata().getKeyspace(ks).orElseThrow();
    CqlSchema.Result second = CqlSchema.apply(session, ks);

    assertThat(first.appliedVersions()).containsExactly(1, 2, 3, 4, 5);
    assertThat(first.alreadyApplied()).isEmpty();
    assertThat(second.applied()).isEmpty();
    assertThat(second.alreadyApplied()).hasSize(5);
    assertThat(CqlSchema.appliedVersions(session, ks)).containsExactly(1, 2, 3, 4, 5);
    assertThat(session.getMetadata().getKeyspace(ks).orElseThrow().getTables().keySet())
        .isEqualTo(schemaVersionAfterFirst.getTables().keySet());
    assertThat(schemaVersionAfterFirst.getTables().keySet().stream().map(Object::toString).toList())
        .containsExactlyInAnyOrder(
            "viewing_history_by_profile",
            "ratings_by_profile",
            "session_summaries_by_profile",
            "recs_by_profile",
            "schema_version");
    assertThat(schemaVersionAfterFirst.getUserDefinedType("scored_title")).isPresent();
  }

  @Test
  void viewingHistoryIsClusteredNewestFirstWithATtl() {
    String ks = keyspace();
    CqlSchema.apply(session, ks);

    TableMetadata t =
        session
            .getMetadata()
            .getKeyspace(ks)
            .flatMap(k -> k.getTable("viewing_history_by_profile"))
            .orElseThrow();

    assertThat(t.getPartitionKey())
        .extracting(c -> c.getName().asInternal())
        .containsExactly("profile_id");
    assertThat(
            t.getClusteringColumns().entrySet().stream()
                .map(e -> e.getKey().getName().asInternal() + " " + e.getValue())
                .toList())
        .containsExactly("watched_at " + ClusteringOrder.DESC, "session_id " + ClusteringOrder.ASC);
    assertThat(
            t.getOptions()
                .get(
                    com.datastax.oss.driver.api.core.CqlIdentifier.fromCql("default_time_to_live")))
        .isEqualTo(15552000);
  }

  @Test
  void aPartlyAppliedSchemaGetsOnlyTheMissingVersions() {
    String ks = keyspace();
    CqlSchema.apply(session, ks);
    session.execute("DELETE FROM " + ks + ".schema_version WHERE version IN (4, 5)");
    session.execute("DROP TABLE " + ks + ".recs_by_profile");

    CqlSchema.Result r = CqlSchema.apply(session, ks);

    assertThat(r.appliedVersions()).containsExactly(4, 5);
    assertThat(session.getMetadata().getKeyspace(ks).orElseThrow().getTable("recs_by_profile"))
        .isPresent();
  }

  @Test
  void anAppliedFileThatChangedIsRefused() {
    String ks = keyspace();
    CqlSchema.apply(session, ks);
    session.execute("UPDATE " + ks + ".schema_version SET checksum = 'edited' WHERE version = 2");

    assertThatThrownBy(() -> CqlSchema.apply(session, ks))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("V002__viewing_history changed after it was applied");
  }

  @Test
  void theKeyspaceGetsTheGivenReplication() {
    String ks = keyspace();

    CqlSchema.apply(session, ks, "{'class': 'NetworkTopologyStrategy', 'datacenter1': 1}");

    Map<String, String> replication =
        session.getMetadata().getKeyspace(ks).orElseThrow().getReplication();
    assertThat(replication)
        .containsEntry("class", "org.apache.cassandra.locator.NetworkTopologyStrategy")
        .containsEntry("datacenter1", "1");
    assertThat(List.of(ks)).isNotEmpty();
  }
}
