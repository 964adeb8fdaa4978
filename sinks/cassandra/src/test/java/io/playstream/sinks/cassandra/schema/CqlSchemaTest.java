package io.playstream.sinks.cassandra.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CqlSchemaTest {
  private static final Map<String, String> PLACEHOLDERS =
      Map.of("keyspace", "ps", "replication", CqlSchema.LOCAL_REPLICATION);

  @Test
  void migrationsAreNumberedInIndexOrderStartingWithTheKeyspace() {
    List<CqlMigration> m = CqlSchema.migrations();

    assertThat(m).extracting(CqlMigration::version).containsExactly(1, 2, 3, 4, 5);
    assertThat(m)
        .extracting(CqlMigration::name)
        .containsExactly(
            "keyspace", "viewing_history", "ratings", "session_summaries", "recommendations");
    assertThat(m.get(0).statements(PLACEHOLDERS))
        .containsExactly(
            "CREATE KEYSPACE IF NOT EXISTS ps\n"
                + "  WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}\n"
                + "  AND durable_writes = true");
  }

  @Test
  void theIndexListsEveryShippedFile() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/cql"))) {
      List<String> shipped =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".cql"))
              .sorted()
              .toList();
      assertThat(CqlSchema.migrations()).map(CqlMigration::toString).hasSize(shipped.size());
      assertThat(shipped)
          .containsExactlyElementsOf(
              CqlSchema.migrations().stream().map(m -> m + ".cql").sorted().toList());
    }
  }

  @Test
  void everyStatementIsIdempotentAndQualifiedWithTheKeyspace() {
    for (CqlMigration m : CqlSchema.migrations()) {
      for (String s : m.statements(PLACEHOLDERS)) {
        assertThat(s).as(m + ": " + s).containsPattern("^CREATE [A-Z]+ IF NOT EXISTS ps\\b");
      }
    }
  }

  @Test
  void viewingHistoryIsNewestFirstWithADefaultTtl() {
    String v2 = CqlSchema.migrations().get(1).statements(PLACEHOLDERS).get(0);

    assertThat(v2)
        .contains("CREATE TABLE IF NOT EXISTS ps.viewing_history_by_profile")
        .contains("PRIMARY KEY ((profile_id), watched_at, session_id)")
        .contains("CLUSTERING ORDER BY (watched_at DESC, session_id ASC)")
        .contains("default_time_to_live = 15552000");
  }

  @Test
  void checksumIsOfTheShippedTextAndStable() {
    CqlMigration a = CqlMigration.of("V002__x.cql", "CREATE TABLE ${keyspace}.t (k int);");
    CqlMigration b = CqlMigration.of("V002__x.cql", "CREATE TABLE ${keyspace}.t (k int);");
    CqlMigration c = CqlMigration.of("V002__x.cql", "CREATE TABLE ${keyspace}.t (k text);");

    assertThat(a.checksum()).isEqualTo(b.checksum()).hasSize(64).isNotEqualTo(c.checksum());
    assertThat(a.toString()).isEqualTo("V002__x");
  }

  @Test
  void badNamesGapsAndDuplicatesAreRefused() {
    assertThatThrownBy(() -> CqlMigration.of("V1-keyspace.cql", ""))
        .hasMessageContaining("V001__keyspace.cql");
    assertThatThrownBy(
            () ->
                CqlSchema.checkOrder(
                    List.of(
                        CqlMigration.of("V001__a.cql", ""), CqlMigration.of("V003__c.cql", ""))))
        .hasMessageContaining("position 2 is V003__c");
    assertThatThrownBy(() -> CqlSchema.indexEntries("V001__a.cql\nV001__a.cql\n"))
        .hasMessageContaining("twice");
    assertThat(CqlSchema.indexEntries("# comment\n\nV001__a.cql\n  V002__b.cql  \n"))
        .containsExactly("V001__a.cql", "V002__b.cql");
  }
}
