package io.playstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvalRecsCommandTest {
  @TempDir Path root;

  private EvalCommand.Recs parse(String... args) {
    CommandLine cl = new CommandLine(new PlaystreamCli());
    CommandLine.ParseResult r = cl.parseArgs(args);
    return (EvalCommand.Recs) r.subcommand().subcommand().commandSpec().userObject();
  }

  @Test
  void defaultsToTheShippedRatingsAndPassesOtherOptionsThrough() throws Exception {
    Path shipped = root.resolve(EvalCommand.Recs.DEFAULT_RATINGS);
    Files.createDirectories(shipped.getParent());
    Files.writeString(shipped, "userId,movieId,rating,timestamp\n");

    EvalCommand.Recs recs =
        parse("eval", "recs", "--protocol", "PREQUENTIAL", "--seed", "7", "--window=30");

    assertThat(recs.arguments(root))
        .containsExactly(
            "--ratings",
            shipped.toString(),
            "--protocol",
            "prequential",
            "--seed",
            "7",
            "--window=30");
    assertThat(recs.heap).isEqualTo("3g");
  }

  @Test
  void anExplicitRatingsFileIsUsedAsGiven() throws Exception {
    Path file = Files.writeString(root.resolve("u.data"), "1\t2\t5\t881250949\n");

    assertThat(parse("eval", "recs", "--ratings", file.toString()).arguments(root))
        .containsExactly("--ratings", file.toString(), "--protocol", "static");
  }

  @Test
  void aGroundTruthFileReplacesTheRatings() throws Exception {
    Path truth = Files.writeString(root.resolve("truth.json"), "{}");

    assertThat(
            parse("eval", "recs", "--ground-truth", truth.toString(), "--gt-plays", "500")
                .arguments(root))
        .containsExactly(
            "--ground-truth", truth.toString(), "--protocol", "static", "--gt-plays", "500");
    assertThatThrownBy(
            () ->
                parse("eval", "recs", "--ground-truth", truth.toString(), "--ratings", "x.csv")
                    .arguments(root))
        .hasMessageContaining("not both");
  }

  @Test
  void badProtocolOrMissingFileIsRefusedWithTheReason() {
    assertThatThrownBy(() -> parse("eval", "recs", "--protocol", "random").arguments(root))
        .hasMessageContaining("--protocol must be static, prequential or both");
    assertThatThrownBy(() -> parse("eval", "recs").arguments(root))
        .hasMessageContaining("no ratings file at")
        .hasMessageContaining("shipped dataset");
    assertThatThrownBy(
            () ->
                parse("eval", "recs", "--ratings", root.resolve("nope.csv").toString())
                    .arguments(root))
        .hasMessageContaining("nope.csv");
  }

  @Test
  void helpListsTheOptionsAndThePassThroughOnes() {
    StringWriter out = new StringWriter();
    CommandLine cl = new CommandLine(new PlaystreamCli());
    cl.setOut(new PrintWriter(out));

    assertThat(cl.execute("eval", "recs", "--help")).isZero();
    assertThat(out.toString())
        .contains("--ratings=PATH", "--protocol=P", "static, prequential or both")
        .contains("--max-events", "--blend-weight", "RESULT name=recs-<protocol>")
        .contains("--ground-truth=FILE");
    // the default dataset is named (the help text wraps it anywhere)
    assertThat(out.toString().replaceAll("\\s+", ""))
        .contains("movielens-latest-small/ratings.csv");
  }

  @Test
  void benchKnowsRecsLatency() {
    StringWriter out = new StringWriter();
    CommandLine cl = new CommandLine(new PlaystreamCli());
    cl.setOut(new PrintWriter(out));

    assertThat(cl.execute("bench", "--help")).isZero();
    assertThat(out.toString()).contains("recs-latency");
    assertThat(RecsLatencyBench.answers("127.0.0.1:" + io.playstream.infra.Ports.freePort()))
        .isFalse();
    assertThat(RecsLatencyBench.answers("")).isFalse();
  }
}
