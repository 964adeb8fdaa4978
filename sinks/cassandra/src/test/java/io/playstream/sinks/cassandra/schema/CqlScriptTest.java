package io.playstream.sinks.cassandra.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CqlScriptTest {

  @Test
  void splitsOnSemicolonsAndDropsComments() {
    String script =
        """
        -- a keyspace
        CREATE KEYSPACE IF NOT EXISTS ks WITH replication = {'class': 'SimpleStrategy'}; // trailing
        /* a block
           comment; with a semicolon */
        CREATE TABLE IF NOT EXISTS ks.t (
          id text PRIMARY KEY,  -- the key
          v int
        );

        """;

    assertThat(CqlScript.statements(script))
        .containsExactly(
            "CREATE KEYSPACE IF NOT EXISTS ks WITH replication = {'class': 'SimpleStrategy'}",
            "CREATE TABLE IF NOT EXISTS ks.t (\n  id text PRIMARY KEY,  \n  v int\n)");
  }

  @Test
  void semicolonsInsideQuotesAndDollarBlocksDoNotEndAStatement() {
    String script =
        "ALTER TABLE t WITH comment = 'a; b -- not a comment ''quoted''';\n"
            + "CREATE FUNCTION f() RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS $$ return"
            + " 1; $$;\n"
            + "SELECT \"odd;name\" FROM t";

    assertThat(CqlScript.statements(script))
        .containsExactly(
            "ALTER TABLE t WITH comment = 'a; b -- not a comment ''quoted'''",
            "CREATE FUNCTION f() RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS $$ return"
                + " 1; $$",
            "SELECT \"odd;name\" FROM t");
  }

  @Test
  void unterminatedQuotesFail() {
    assertThatThrownBy(() -> CqlScript.statements("SELECT 'x FROM t;"))
        .hasMessageContaining("unterminated");
    assertThatThrownBy(() -> CqlScript.statements("/* never closed"))
        .hasMessageContaining("unterminated");
  }

  @Test
  void substitutesKnownPlaceholdersAndRejectsUnknownOnes() {
    assertThat(
            CqlScript.substitute(
                "CREATE TABLE ${keyspace}.t WITH x = ${replication}",
                Map.of("keyspace", "ps", "replication", "{'a': 1}")))
        .isEqualTo("CREATE TABLE ps.t WITH x = {'a': 1}");
    assertThatThrownBy(() -> CqlScript.substitute("${table}", Map.of("keyspace", "ps")))
        .hasMessageContaining("${table}");
  }
}
