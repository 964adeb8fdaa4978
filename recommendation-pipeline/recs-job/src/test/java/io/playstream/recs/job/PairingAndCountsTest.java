package io.playstream.recs.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.recs.ItemSnapshot;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** The pairing, item co-occurrence and trending operators, with their timers and state cleanup. */
class PairingAndCountsTest {
  private static final long BEGINNING = 1_700_000_000_000L;
  private static final RecsJobConfig CONFIG = RecsJobConfig.defaults();
  private static final long SNAPSHOT = CONFIG.snapshotInterval().toMillis();
  private static final long IDLE = CONFIG.itemIdle().toMillis();

  @Test
  void newTitlesArePairedBothWaysWithTheWindowAndPlaysGoToTrending() throws Exception {
    try (KeyedOneInputStreamOperatorTestHarness<String, Activity, ItemUpdate> h =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            new CooccurrenceFanOut(CONFIG), a -> a.profileId, Types.STRING)) {
      h.setProcessingTime(BEGINNING);
      h.processElement(new Activity("p", "x", "SE", Activity.Kind.PLAY, BEGINNING), BEGINNING);
      h.processElement(new Activity("p", "y", null, Activity.Kind.STOP, BEGINNING + 1), BEGINNING);
      // a repeat and a thumbs down add no pairs
      h.processElement(new Activity("p", "x", "SE", Activity.Kind.PLAY, BEGINNING + 2), BEGINNING);
      h.processElement(
          new Activity("p", "z", "SE", Activity.Kind.THUMB_DOWN, BEGINNING + 3), BEGINNING);
      List<String> updates =
          h.extractOutputValues().stream().map(u -> u.item + ">" + u.other).toList();
      assertThat(updates).containsExactly("x>null", "y>null", "y>x", "x>y");
      List<String> plays =
          h.getSideOutput(CooccurrenceFanOut.PLAYS).stream()
              .map(StreamRecord::getValue)
              .map(p -> p.country + ":" + p.titleId)
              .toList();
      // the stop is not a play; the repeat play is
      assertThat(plays).containsExactly("*:x", "SE:x", "*:x", "SE:x");
      assertThat(h.numKeyedStateEntries()).isEqualTo(1);
      h.setProcessingTime(BEGINNING + CONFIG.profileIdle().toMillis());
      assertThat(h.numKeyedStateEntries()).isZero();
      assertThat(h.numProcessingTimeTimers()).isZero();
    }
  }

  @Test
  void itemSnapshotsAreDebouncedAndIdleItemsRemoved() throws Exception {
    try (KeyedOneInputStreamOperatorTestHarness<String, ItemUpdate, ModelUpdate> h =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            new ItemCooccurrenceFunction(CONFIG), u -> u.item, Types.STRING)) {
      h.setProcessingTime(BEGINNING);
      h.processElement(new ItemUpdate("x", null, 1, BEGINNING), BEGINNING);
      h.processElement(new ItemUpdate("x", null, 1, BEGINNING), BEGINNING);
      h.processElement(new ItemUpdate("x", "y", 1, BEGINNING), BEGINNING);
      h.processElement(new ItemUpdate("x", "y", 1, BEGINNING), BEGINNING);
      h.processElement(new ItemUpdate("x", "z", 1, BEGINNING), BEGINNING);
      assertThat(h.extractOutputValues()).isEmpty();
      h.setProcessingTime(BEGINNING + SNAPSHOT);
      assertThat(h.extractOutputValues()).hasSize(1);
      ItemSnapshot s = h.extractOutputValues().get(0).toSnapshot();
      assertThat(s.item()).isEqualTo("x");
      assertThat(s.count()).isEqualTo(2.0, org.assertj.core.api.Assertions.within(1e-9));
      assertThat(s.coItems()).containsExactly("y", "z");
      assertThat(s.coCounts()[0]).isGreaterThan(s.coCounts()[1]);

      h.setProcessingTime(BEGINNING + IDLE);
      List<ModelUpdate> out = h.extractOutputValues();
      assertThat(out.get(out.size() - 1).kind).isEqualTo(ModelUpdate.Kind.ITEM_REMOVED);
      assertThat(h.numKeyedStateEntries()).isZero();
      assertThat(h.numProcessingTimeTimers()).isZero();
    }
  }

  @Test
  void trendingListsAreOrderedByDecayedPlays() throws Exception {
    try (KeyedOneInputStreamOperatorTestHarness<String, Play, ModelUpdate> h =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            new TrendingFunction(CONFIG), p -> p.country, Types.STRING)) {
      long week = CONFIG.streaming().trendingHalfLife().toMillis();
      h.setProcessingTime(BEGINNING);
      for (int i = 0; i < 3; i++) {
        h.processElement(new Play("SE", "old", 1, BEGINNING), BEGINNING);
      }
      // two half-lives later, 3 old plays weigh 0.75: two new plays win
      h.processElement(new Play("SE", "new", 1, BEGINNING + 2 * week), BEGINNING);
      h.processElement(new Play("SE", "new", 1, BEGINNING + 2 * week), BEGINNING);
      h.processElement(new Play("US", "us", 1, BEGINNING), BEGINNING);
      h.setProcessingTime(BEGINNING + CONFIG.trendingInterval().toMillis());
      List<ModelUpdate> out = h.extractOutputValues();
      assertThat(out).hasSize(2);
      ModelUpdate se = out.stream().filter(u -> u.key.equals("SE")).findFirst().orElseThrow();
      assertThat(se.items).containsExactly("new", "old");
      // the serving fallback row of the country
      var row = RecommendationJob.trendingRow(se);
      assertThat(row.getProfileId().toString()).isEqualTo("trending:SE");
      assertThat(row.getTitles())
          .extracting(t -> t.getTitleId().toString())
          .containsExactly("new", "old");
      assertThat(row.getHeader().getEventTime().toEpochMilli()).isEqualTo(BEGINNING + 2 * week);
      assertThat(h.numProcessingTimeTimers()).isZero();
    }
  }
}
