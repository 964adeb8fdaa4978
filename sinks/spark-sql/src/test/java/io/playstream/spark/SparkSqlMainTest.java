package io.playstream.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SparkSqlMainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final List<String> ran = new ArrayList<>();

  private SparkSqlMain main() {
    SparkSqlMain main =
        new SparkSqlMain(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    main.format = OutputFormat.CSV;
    main.maxRows = 100;
    return main;
  }

  private QueryResult fake(String sql, int maxRows) {
    ran.add(sql);
    if (sql.contains("boom")) {
      throw new IllegalArgumentException("[PARSE_SYNTAX_ERROR] Syntax error at or near 'boom'");
    }
    return new QueryResult(List.of("n"), List.of(List.of(ran.size())), false);
  }

  @Test
  void promptRunsStatementsSpanningLinesUntilExit() throws Exception {
    String input = "SELECT\n  1;\nSELECT 2; SELECT\n3\n;\nexit\nSELECT 4;\n";

    int code = main().prompt(this::fake, new BufferedReader(new StringReader(input)), true);

    assertThat(code).isZero();
    assertThat(ran).containsExactly("SELECT\n  1", "SELECT 2", "SELECT\n3");
    String shown = out.toString(StandardCharsets.UTF_8);
    assertThat(shown).contains(SparkSqlMain.PROMPT).contains(SparkSqlMain.CONTINUATION);
    assertThat(shown).contains("n\n1\n").contains("n\n3\n");
  }

  @Test
  void aFailingStatementIsReportedAndThePromptGoesOn() throws Exception {
    String input = "SELECT boom;\nSELECT 2;\n";

    int code = main().prompt(this::fake, new BufferedReader(new StringReader(input)), false);

    assertThat(code).isEqualTo(1);
    assertThat(ran).hasSize(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("error: [PARSE_SYNTAX_ERROR]");
    assertThat(out.toString(StandardCharsets.UTF_8))
        .doesNotContain(SparkSqlMain.PROMPT)
        .contains("n\n2\n");
  }

  @Test
  void aLastStatementWithoutSemicolonRunsAtEndOfInput() throws Exception {
    main().prompt(this::fake, new BufferedReader(new StringReader("SHOW TABLES")), false);

    assertThat(ran).containsExactly("SHOW TABLES");
  }

  @Test
  void exitAndQuitInAnyCaseWithOrWithoutSemicolon() {
    assertThat(SparkSqlMain.isExit("exit")).isTrue();
    assertThat(SparkSqlMain.isExit(" QUIT; ")).isTrue();
    assertThat(SparkSqlMain.isExit("exit_code")).isFalse();
  }
}
