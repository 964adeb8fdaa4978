package io.playstream.jobs.window;

import static io.playstream.jobs.Fixtures.EIGHT_PM;
import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.jobs.playback.SpsCounts;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LocalWindowReducerTest {
  private static final long T0 = EIGHT_PM.toEpochMilli();
  private static final long FIRST_SECOND_ENDS = T0 + 999;
  private static final long SECOND_SECOND_ENDS = T0 + 1_999;
  private static final OutputTag<SpsCounts> LATE =
      new OutputTag<>("late", TypeInformation.of(SpsCounts.class));

  private LocalWindowReducer<SpsCounts> operator;
  private OneInputStreamOperatorTestHarness<SpsCounts, SpsCounts> h;

  @BeforeEach
  void open() throws Exception {
    operator = new LocalWindowReducer<>(1_000, SpsCounts::key, SpsCounts::merge, c -> c, LATE);
    h = new OneInputStreamOperatorTestHarness<>(operator);
    h.open();
  }

  @AfterEach
  void close() throws Exception {
    h.close();
  }

  private static SpsCounts start(String country) {
    return new SpsCounts(country, "tv", 1, 0);
  }

  private static SpsCounts failure(String country) {
    return new SpsCounts(country, "tv", 0, 1);
  }

  @Test
  void combinesPerWindowAndKeyAndEmitsWhenTheWatermarkClosesTheWindow() throws Exception {
    h.processElement(start("US"), T0 + 10);
    h.processElement(start("US"), T0 + 500);
    h.processElement(failure("US"), T0 + 998);
    h.processElement(start("DE"), T0 + 999);
    h.processElement(start("US"), T0 + 1_000); // next second
    assertThat(records()).isEmpty();

    h.processWatermark(new Watermark(FIRST_SECOND_ENDS - 1));
    assertThat(records()).isEmpty(); // window [0, 1000) still open

    h.processWatermark(new Watermark(FIRST_SECOND_ENDS));
    List<StreamRecord<SpsCounts>> out = records();
    assertThat(out).hasSize(2).allSatisfy(r -> assertThat(r.getTimestamp()).isEqualTo(T0 + 999));
    assertThat(out)
        .extracting(r -> r.getValue().toString())
        .containsExactlyInAnyOrder("US|tv starts=2 failures=1", "DE|tv starts=1 failures=0");
    assertThat(operator.bufferedWindows()).isEqualTo(1);

    h.processWatermark(new Watermark(SECOND_SECOND_ENDS));
    assertThat(records())
        .extracting(r -> r.getValue().toString(), StreamRecord::getTimestamp)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("US|tv starts=1 failures=0", T0 + 1_999));
    assertThat(operator.bufferedWindows()).isZero();
  }

  @Test
  void elementsOfAClosedWindowGoToTheLateSideOutput() throws Exception {
    h.processElement(start("US"), T0 + 100);
    h.processWatermark(new Watermark(FIRST_SECOND_ENDS));
    h.processElement(start("US"), T0 + 900); // its window [0, 1000) is closed: late
    h.processElement(start("US"), T0 + 1_001); // on time

    assertThat(h.getSideOutput(LATE))
        .extracting(StreamRecord::getTimestamp)
        .containsExactly(T0 + 900);
    h.processWatermark(new Watermark(SECOND_SECOND_ENDS));
    assertThat(records()).extracting(r -> r.getValue().starts).containsExactly(1L, 1L);
  }

  @Test
  void flushesEverythingBeforeACheckpointBarrierSoItKeepsNoState() throws Exception {
    h.processElement(start("US"), T0 + 100);
    h.processElement(start("US"), T0 + 5_100);
    h.prepareSnapshotPreBarrier(1L);

    assertThat(records())
        .extracting(r -> r.getValue().starts, StreamRecord::getTimestamp)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1L, T0 + 999),
            org.assertj.core.groups.Tuple.tuple(1L, T0 + 5_999));
    assertThat(operator.bufferedWindows()).isZero();
    // a later element of the same (still open) window makes a second partial; the downstream
    // window merges both
    h.processElement(start("US"), T0 + 5_200);
    h.processWatermark(new Watermark(T0 + 5_999));
    assertThat(records()).extracting(r -> r.getValue().starts).containsExactly(1L);
  }

  @Test
  void windowsAreForwardedInOrderBeforeTheWatermark() throws Exception {
    h.processElement(start("US"), T0 + 2_500);
    h.processElement(start("US"), T0 + 100);
    h.processWatermark(new Watermark(T0 + 10_000));
    List<Object> all = new ArrayList<>(h.getOutput());
    assertThat(all).hasSize(3);
    assertThat(((StreamRecord<?>) all.get(0)).getTimestamp()).isEqualTo(T0 + 999);
    assertThat(((StreamRecord<?>) all.get(1)).getTimestamp()).isEqualTo(T0 + 2_999);
    assertThat(all.get(2)).isEqualTo(new Watermark(T0 + 10_000));
  }

  @SuppressWarnings("unchecked")
  private List<StreamRecord<SpsCounts>> records() {
    List<StreamRecord<SpsCounts>> out = new ArrayList<>();
    for (Object o : h.getOutput()) {
      if (o instanceof StreamRecord<?> r) {
        out.add((StreamRecord<SpsCounts>) r);
      }
    }
    h.getOutput().clear();
    return out;
  }
}
