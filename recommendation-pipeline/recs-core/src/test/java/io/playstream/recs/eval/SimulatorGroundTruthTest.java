package io.playstream.recs.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The simulator's ground-truth file as a dataset: two taste groups (profiles a* like titles x*,
 * profiles b* like titles y*), equal popularity, in the format {@code GroundTruth.write} produces.
 */
class SimulatorGroundTruthTest {
  @TempDir Path dir;

  /** 40 profiles and 60 titles in two groups, as the simulator writes them. */
  private Path file() throws Exception {
    StringBuilder sb = new StringBuilder();
    sb.append("{\"seed\": 42, \"dimension\": 2, \"zipf_exponent\": 1.0,\n");
    sb.append(" \"appeal\": \"sigmoid(6.0 * (taste . factor - 0.3))\",\n \"profiles\": [");
    for (int i = 0; i < 40; i++) {
      boolean a = i % 2 == 0;
      sb.append(i == 0 ? "" : ",")
          .append("{\"profile_id\": \"")
          .append(a ? "a" : "b")
          .append(i)
          .append("\", \"account_id\": \"acc\", \"country\": \"US\", \"region\": \"us-east\",")
          .append(" \"isp\": \"x\", \"device_type\": \"tv\", \"favourite_genres\": [],")
          .append(" \"activity\": 1.0, \"taste\": ")
          .append(a ? "[1.0, 0.0]" : "[0.0, 1.0]")
          .append('}');
    }
    sb.append("],\n \"titles\": [");
    for (int i = 0; i < 60; i++) {
      boolean x = i % 2 == 0;
      sb.append(i == 0 ? "" : ",")
          .append("{\"title_id\": \"")
          .append(x ? "x" : "y")
          .append(i)
          .append("\", \"rank\": ")
          .append(i + 1)
          .append(", \"popularity\": ")
          .append(1.0 / 60)
          .append(", \"genres\": [], \"factor\": ")
          .append(x ? "[1.0, 0.0]" : "[0.0, 1.0]")
          .append('}');
    }
    sb.append("]}\n");
    return Files.writeString(dir.resolve("truth.json"), sb.toString());
  }

  @Test
  void playsFollowTheHiddenTastes() throws Exception {
    SimulatorGroundTruth truth = SimulatorGroundTruth.read(file());
    assertThat(truth.profileCount()).isEqualTo(40);
    assertThat(truth.titleCount()).isEqualTo(60);
    assertThat(truth.simulatorSeed()).isEqualTo(42);

    List<RatingEvent> plays = truth.plays(800, 7);

    assertThat(plays).hasSize(800);
    int matching = 0;
    Map<String, Set<String>> seen = new HashMap<>();
    long lastTime = Long.MIN_VALUE;
    for (RatingEvent e : plays) {
      if (e.user().charAt(0) == 'a' ? e.item().startsWith("x") : e.item().startsWith("y")) {
        matching++;
      }
      assertThat(seen.computeIfAbsent(e.user(), u -> new HashSet<>()).add(e.item()))
          .as("no repeated play")
          .isTrue();
      assertThat(e.time()).isGreaterThan(lastTime);
      lastTime = e.time();
      assertThat(e.rating()).isEqualTo(SimulatorGroundTruth.PLAY_RATING);
    }
    // appeal 0.98 for the own group vs 0.14 for the other: most plays match the hidden taste
    assertThat(matching).isGreaterThan(800 * 8 / 10);
    assertThat(truth.plays(800, 7)).isEqualTo(plays);
    assertThat(truth.plays(800, 8)).isNotEqualTo(plays);
  }

  @Test
  void becauseYouWatchedRowsFollowTheLastPlayedTitle() {
    // tastes halfway between the groups: appeal alone does not prefer either group, so a run of
    // same-group plays comes from the because-you-watched rows (closest to the last played title)
    double h = Math.sqrt(0.5);
    List<SimulatorGroundTruth.Profile> profiles = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      profiles.add(new SimulatorGroundTruth.Profile("p" + i, 1.0, new double[] {h, h}));
    }
    List<SimulatorGroundTruth.Title> titles = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      titles.add(
          new SimulatorGroundTruth.Title(
              (i % 2 == 0 ? "x" : "y") + i,
              1.0 / 200,
              i % 2 == 0 ? new double[] {1, 0} : new double[] {0, 1}));
    }
    SimulatorGroundTruth truth = new SimulatorGroundTruth(1, 6.0, 0.3, profiles, titles);
    Map<String, Character> last = new HashMap<>();
    int same = 0;
    int pairs = 0;
    for (RatingEvent e : truth.plays(2000, 3)) {
      Character before = last.put(e.user(), e.item().charAt(0));
      if (before != null) {
        pairs++;
        same += before == e.item().charAt(0) ? 1 : 0;
      }
    }
    // plain rows alone: 1/2; with 35 % of rows of the last played title's group: about 0.6
    assertThat((double) same / pairs).isBetween(0.56, 0.7);
  }

  @Test
  void oracleRanksByPlayProbabilityAndTasteOnlyByAppeal() {
    List<SimulatorGroundTruth.Profile> profiles =
        List.of(new SimulatorGroundTruth.Profile("a", 1.0, new double[] {1, 0}));
    List<SimulatorGroundTruth.Title> titles = new ArrayList<>();
    titles.add(new SimulatorGroundTruth.Title("x-popular", 0.3, new double[] {1, 0}));
    titles.add(new SimulatorGroundTruth.Title("y-popular", 0.3, new double[] {0, 1}));
    titles.add(new SimulatorGroundTruth.Title("x-rare", 0.01, new double[] {1, 0}));
    for (int i = 0; i < 39; i++) {
      titles.add(new SimulatorGroundTruth.Title("z" + i, 0.01, new double[] {0, -1}));
    }
    var oracles = new SimulatorGroundTruth(1, 6.0, 0.3, profiles, titles).oracles(5);
    assertThat(oracles.keySet())
        .containsExactly(SimulatorGroundTruth.ORACLE, SimulatorGroundTruth.TASTE_ONLY);
    var play = oracles.get(SimulatorGroundTruth.ORACLE);
    // shown as often, liked more; liked as much, shown more
    assertThat(play.applyAsDouble("a", "x-popular"))
        .isGreaterThan(play.applyAsDouble("a", "y-popular"));
    assertThat(play.applyAsDouble("a", "x-popular"))
        .isGreaterThan(3 * play.applyAsDouble("a", "x-rare"));
    assertThat(play.applyAsDouble("a", "x-rare")).isGreaterThan(play.applyAsDouble("a", "z0"));
    assertThat(play.applyAsDouble("nobody", "x-rare")).isEqualTo(Double.NEGATIVE_INFINITY);
    var taste = oracles.get(SimulatorGroundTruth.TASTE_ONLY);
    assertThat(taste.applyAsDouble("a", "x-rare")).isEqualTo(taste.applyAsDouble("a", "x-popular"));
    assertThat(taste.applyAsDouble("a", "x-rare"))
        .isGreaterThan(taste.applyAsDouble("a", "y-popular"));
  }

  @Test
  void evalRecsRunsOnAGroundTruthFile() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream saved = System.out;
    int code;
    try {
      System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
      code =
          new CommandLine(new EvalRecsMain())
              .execute(
                  "--ground-truth", file().toString(),
                  "--gt-plays", "1000",
                  "--k-core", "5",
                  "--factors", "4",
                  "--iterations", "5");
    } finally {
      System.setOut(saved);
    }
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(code).as(out).isZero();
    assertThat(out).contains("simulator ground truth truth.json (seed 42, 40 profiles, 60 titles");
    assertThat(out).containsPattern("RESULT name=recs-static ours=[0-9.]+ baseline=[0-9.]+");
    // the oracles that know the hidden tastes are reported after the models
    assertThat(out).containsPattern("(?m)^oracle +0\\.\\d{4} +0\\.\\d{4}");
    assertThat(out).containsPattern("(?m)^taste-only +0\\.\\d{4} +0\\.\\d{4}");
    assertThat(out.indexOf("\noracle ")).isGreaterThan(out.indexOf("\nblend "));
  }

  @Test
  void notAGroundTruthFileOrBothSourcesAreRefused() throws Exception {
    Path other = Files.writeString(dir.resolve("other.json"), "{\"routes\": []}");
    assertThatThrownBy(() -> SimulatorGroundTruth.read(other))
        .hasMessageContaining("not a simulator ground-truth file");
    assertThat(
            new CommandLine(new EvalRecsMain())
                .execute("--ground-truth", file().toString(), "--ratings", file().toString()))
        .isEqualTo(2);
    assertThat(new CommandLine(new EvalRecsMain()).execute()).isEqualTo(2);
  }
}
