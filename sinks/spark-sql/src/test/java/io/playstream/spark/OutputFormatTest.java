package io.playstream.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputFormatTest {
  private static final QueryResult COUNTRIES =
      new QueryResult(
          List.of("country", "plays"),
          List.of(Arrays.asList("US", 1200L), Arrays.asList("DE", 35L), Arrays.asList(null, 7L)),
          false);

  @Test
  void tableAlignsColumnsAndRightAlignsNumbers() {
    assertThat(OutputFormat.TABLE.render(COUNTRIES))
        .isEqualTo(
            """
            +---------+-------+
            | country | plays |
            +---------+-------+
            | US      |  1200 |
            | DE      |    35 |
            | NULL    |     7 |
            +---------+-------+
            """);
  }

  @Test
  void tableOfNoRowsShowsTheHeader() {
    assertThat(OutputFormat.TABLE.render(new QueryResult(List.of("a"), List.of(), false)))
        .isEqualTo("+---+\n| a |\n+---+\n");
  }

  @Test
  void csvQuotesWhatNeedsQuotingAndLeavesNullEmpty() {
    QueryResult r =
        new QueryResult(
            List.of("title", "n"),
            List.of(Arrays.asList("Heat, 1995", 1), Arrays.asList("say \"hi\"", null)),
            false);

    assertThat(OutputFormat.CSV.render(r))
        .isEqualTo("title,n\n\"Heat, 1995\",1\n\"say \"\"hi\"\"\",\n");
  }

  @Test
  void jsonWritesOneObjectPerRowWithTypedValues() {
    QueryResult r =
        new QueryResult(
            List.of("id", "at", "price", "tags", "who"),
            List.of(
                Arrays.asList(
                    1L,
                    Instant.parse("2025-01-01T00:00:00Z"),
                    new BigDecimal("9.90"),
                    List.of("a", "b"),
                    Map.of("name", "x"))),
            false);

    assertThat(OutputFormat.JSON.render(r))
        .isEqualTo(
            "{\"id\":1,\"at\":\"2025-01-01T00:00:00Z\",\"price\":9.90,\"tags\":[\"a\",\"b\"],"
                + "\"who\":{\"name\":\"x\"}}\n");
  }

  @Test
  void statementsWithoutColumnsPrintNothing() {
    assertThat(OutputFormat.TABLE.render(QueryResult.empty())).isEmpty();
  }

  @Test
  void parsesAnyCase() {
    assertThat(OutputFormat.parse("Json")).isEqualTo(OutputFormat.JSON);
  }
}
