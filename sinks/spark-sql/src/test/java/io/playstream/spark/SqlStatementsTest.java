package io.playstream.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlStatementsTest {
  @Test
  void splitsAtSemicolonsOutsideQuotesAndComments() {
    SqlStatements.Split s =
        SqlStatements.split(
            "SELECT ';' AS a; -- a comment; still a comment\n"
                + "SELECT \"x;y\", `c;d` FROM t /* ; */ WHERE s = 'it''s;';\n"
                + "SELECT 3");

    assertThat(s.statements())
        .containsExactly(
            "SELECT ';' AS a",
            "-- a comment; still a comment\nSELECT \"x;y\", `c;d` FROM t /* ; */ WHERE s = 'it''s;'");
    assertThat(s.rest().strip()).isEqualTo("SELECT 3");
    assertThat(s.hasIncomplete()).isTrue();
  }

  @Test
  void aCommentAfterTheLastStatementIsNotAnIncompleteOne() {
    SqlStatements.Split s = SqlStatements.split("SHOW TABLES; -- done\n");

    assertThat(s.statements()).containsExactly("SHOW TABLES");
    assertThat(s.hasIncomplete()).isFalse();
  }

  @Test
  void scriptKeepsALastStatementWithoutSemicolonAndDropsEmptyOnes() {
    assertThat(SqlStatements.script(";;SELECT 1;\n\nSELECT 2\n"))
        .containsExactly("SELECT 1", "SELECT 2");
  }

  @Test
  void anOpenQuoteKeepsTheStatementOpen() {
    SqlStatements.Split s = SqlStatements.split("SELECT 'a;\n");

    assertThat(s.statements()).isEmpty();
    assertThat(s.hasIncomplete()).isTrue();
  }
}
