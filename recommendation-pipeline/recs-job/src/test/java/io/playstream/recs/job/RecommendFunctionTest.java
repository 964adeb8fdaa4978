package io.playstream.recs.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.events.ProfileRecommendations;
import io.playstream.events.RecommendedTitle;
import io.playstream.recs.ItemSnapshot;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scoring operator on hand-made model state: exclusions, cold start, catalog, models. */
class RecommendFunctionTest {
  private static final long BEGINNING = 1_700_000_000_000L;
  private static final long DEBOUNCE = RecsJobConfig.defaults().debounce().toMillis();
  private static final String[] EVERYWHERE = {"SE", "US"};

  private KeyedBroadcastOperatorTestHarness<String, Activity, ModelUpdate, ProfileRecommendations>
      harness;

  static KeyedBroadcastOperatorTestHarness<String, Activity, ModelUpdate, ProfileRecommendations>
      harness(RecsJobConfig config) throws Exception {
    var h =
        ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
            new RecommendFunction(config),
            a -> a.profileId,
            Types.STRING,
            RecommendFunction.CATALOG,
            RecommendFunction.ITEMS,
            RecommendFunction.TRENDING,
            RecommendFunction.FACTORS);
    h.setProcessingTime(BEGINNING);
    return h;
  }

  @BeforeEach
  void setUp() throws Exception {
    harness = harness(RecsJobConfig.defaults());
    for (String t : List.of("x", "y", "z", "w", "hit")) {
      harness.processBroadcastElement(ModelUpdate.title(t, EVERYWHERE), BEGINNING);
    }
    // x co-occurs with y (3 times) and z (1 time)
    snapshot("x", 4, new String[] {"y", "z"}, new double[] {3, 1});
    snapshot("y", 3, new String[] {"x"}, new double[] {3});
    snapshot("z", 1, new String[] {"x"}, new double[] {1});
    harness.processBroadcastElement(
        ModelUpdate.trending("SE", new String[] {"hit", "x", "w"}, BEGINNING), BEGINNING);
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  private void snapshot(String item, double count, String[] co, double[] counts) throws Exception {
    harness.processBroadcastElement(
        ModelUpdate.snapshot(new ItemSnapshot(item, count, BEGINNING, co, counts)), BEGINNING);
  }

  private void play(String profile, String title, long at) throws Exception {
    harness.processElement(new Activity(profile, title, "SE", Activity.Kind.PLAY, at), at);
  }

  private List<String> last(String profile) {
    List<ProfileRecommendations> out = harness.extractOutputValues();
    for (int i = out.size() - 1; i >= 0; i--) {
      if (out.get(i).getProfileId().toString().equals(profile)) {
        return out.get(i).getTitles().stream()
            .map(RecommendedTitle::getTitleId)
            .map(CharSequence::toString)
            .toList();
      }
    }
    return null;
  }

  @Test
  void neighboursFirstThenTrendingWithoutWatchedTitles() throws Exception {
    play("p", "x", BEGINNING);
    assertThat(harness.extractOutputValues()).isEmpty();
    harness.setProcessingTime(BEGINNING + DEBOUNCE);
    assertThat(last("p")).containsExactly("y", "z", "hit", "w");
    ProfileRecommendations r = harness.extractOutputValues().get(0);
    assertThat(r.getModelVersion().toString()).isEqualTo("knn");
    assertThat(r.getCountry().toString()).isEqualTo("SE");
    assertThat(r.getTitles().get(0).getScore()).isEqualTo(1.0);
  }

  @Test
  void coldStartGetsTheCountrysTrendingList() throws Exception {
    harness.processElement(
        new Activity("new", null, "SE", Activity.Kind.IMPRESSION, BEGINNING), BEGINNING);
    harness.setProcessingTime(BEGINNING + DEBOUNCE);
    assertThat(last("new")).containsExactly("hit", "x", "w");
    assertThat(harness.extractOutputValues().get(0).getModelVersion().toString())
        .isEqualTo("trending");
  }

  @Test
  void activityWithinTheDebounceIsOneRecomputation() throws Exception {
    play("p", "x", BEGINNING);
    play("p", "w", BEGINNING + 10);
    harness.processElement(
        new Activity("p", "hit", "SE", Activity.Kind.THUMB_DOWN, BEGINNING + 20), BEGINNING + 20);
    harness.setProcessingTime(BEGINNING + DEBOUNCE);
    assertThat(harness.extractOutputValues()).hasSize(1);
    assertThat(last("p")).containsExactly("y", "z");
    // same list again after another recomputation: not emitted
    play("p", "x", BEGINNING + 1000);
    harness.setProcessingTime(BEGINNING + 1000 + DEBOUNCE);
    assertThat(harness.extractOutputValues()).hasSize(1);
  }

  @Test
  void titlesNotLicensedInTheCountryAreExcluded() throws Exception {
    harness.processBroadcastElement(ModelUpdate.title("y", new String[] {"US"}), BEGINNING);
    play("p", "x", BEGINNING);
    harness.setProcessingTime(BEGINNING + DEBOUNCE);
    assertThat(last("p")).containsExactly("z", "hit", "w");
  }

  @Test
  void aCatalogChangeUpdatesListsAtOnce() throws Exception {
    play("p", "x", BEGINNING);
    play("q", "w", BEGINNING);
    harness.setProcessingTime(BEGINNING + DEBOUNCE);
    assertThat(last("p")).contains("y");
    int before = harness.extractOutputValues().size();

    // y loses its licence in SE: p's list is recomputed without a new activity
    harness.processBroadcastElement(ModelUpdate.title("y", new String[] {"US"}), BEGINNING + 500);
    assertThat(harness.extractOutputValues()).hasSize(before + 1);
    assertThat(last("p")).doesNotContain("y").startsWith("z");

    // removed from the catalog altogether
    harness.processBroadcastElement(ModelUpdate.titleRemoved("hit"), BEGINNING + 600);
    assertThat(last("p")).doesNotContain("hit");
    assertThat(last("q")).doesNotContain("hit");
  }

  @Test
  void aNewFactorModelVersionIsPickedUpWhenComplete() throws Exception {
    // one factor: "w" is close to "x", "y" and "z" are not
    harness.processBroadcastElement(
        ModelUpdate.factorRow("v1", "x", new double[] {1.0}), BEGINNING);
    harness.processBroadcastElement(
        ModelUpdate.factorRow("v1", "w", new double[] {1.0}), BEGINNING);
    harness.processBroadcastElement(
        ModelUpdate.factorRow("v1", "y", new double[] {-1.0}), BEGINNING);
    play("p", "x", BEGINNING);
    harness.setProcessingTime(BEGINNING + DEBOUNCE);
    assertThat(harness.extractOutputValues().get(0).getModelVersion().toString())
        .isEqualTo("knn"); // rows without their end marker are not a model yet

    harness.processBroadcastElement(ModelUpdate.factorsEnd("v1", 3, 1.0, 0.1, false), BEGINNING);
    play("p", "hit", BEGINNING + 1000);
    harness.setProcessingTime(BEGINNING + 1000 + DEBOUNCE);
    ProfileRecommendations r = harness.extractOutputValues().get(1);
    assertThat(r.getModelVersion().toString()).isEqualTo("knn+als-v1");
    assertThat(last("p")).startsWith("w");
  }

  @Test
  void idleProfilesAreCleanedUp() throws Exception {
    RecsJobConfig c = RecsJobConfig.defaults();
    play("p", "x", BEGINNING);
    harness.setProcessingTime(BEGINNING + DEBOUNCE);
    assertThat(harness.numProcessingTimeTimers()).isEqualTo(1); // the cleanup timer
    long idle = c.profileIdle().toMillis();
    play("p", "w", BEGINNING + idle / 2);
    harness.setProcessingTime(BEGINNING + idle); // first cleanup timer: still active
    assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);
    harness.setProcessingTime(BEGINNING + idle / 2 + idle);
    assertThat(harness.numProcessingTimeTimers()).isZero();
    // the profile starts over: a cold start
    harness.processElement(
        new Activity("p", null, "SE", Activity.Kind.IMPRESSION, BEGINNING + 2 * idle),
        BEGINNING + 2 * idle);
    harness.setProcessingTime(BEGINNING + 2 * idle + DEBOUNCE);
    assertThat(last("p")).containsExactly("hit", "x", "w");
  }

  @Test
  void unknownTitlesAreNotRecommendedWhenTheCatalogIsRequired() throws Exception {
    snapshot("x", 4, new String[] {"y", "z", "ghost"}, new double[] {3, 1, 2});
    snapshot("ghost", 2, new String[] {"x"}, new double[] {2});
    play("p", "x", BEGINNING);
    harness.setProcessingTime(BEGINNING + DEBOUNCE);
    assertThat(last("p")).doesNotContain("ghost");

    RecsJobConfig open =
        new RecsJobConfig(
            RecsJobConfig.defaults().streaming(),
            20,
            Duration.ofMillis(DEBOUNCE),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            100,
            Duration.ofDays(1),
            Duration.ofDays(1),
            0.01,
            0.3,
            0.7,
            false);
    try (var h = harness(open)) {
      h.processBroadcastElement(
          ModelUpdate.snapshot(
              new ItemSnapshot("x", 4, BEGINNING, new String[] {"ghost"}, new double[] {2})),
          BEGINNING);
      h.processBroadcastElement(
          ModelUpdate.snapshot(
              new ItemSnapshot("ghost", 2, BEGINNING, new String[] {"x"}, new double[] {2})),
          BEGINNING);
      h.processElement(new Activity("p", "x", "SE", Activity.Kind.PLAY, BEGINNING), BEGINNING);
      h.setProcessingTime(BEGINNING + DEBOUNCE);
      assertThat(h.extractOutputValues().get(0).getTitles().get(0).getTitleId().toString())
          .isEqualTo("ghost");
    }
  }
}
