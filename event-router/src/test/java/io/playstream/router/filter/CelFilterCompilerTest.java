package io.playstream.router.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playstream.events.PlaybackError;
import io.playstream.events.PlaybackStarted;
import io.playstream.router.bench.FilterBenchmark;
import io.playstream.schemas.EventType;
import io.playstream.schemas.SampleEvents;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class CelFilterCompilerTest {
  private static final Set<EventType> STARTED = Set.of(EventType.PLAYBACK_STARTED);
  private final CelFilterCompiler cel = CelFilterCompiler.create();
  private final CelFilterCompiler interpreter = CelFilterCompiler.interpreterOnly();

  @Test
  void theTypicalFilterIsPlannedAndMatchesPlainJava() throws Exception {
    CompiledFilter f = cel.compile(FilterBenchmark.CEL, STARTED);
    assertThat(CelFilterCompiler.isPlanned(f)).isTrue();
    int passed = 0;
    for (PlaybackStarted e : FilterBenchmark.sampleEvents(500, 7)) {
      boolean expected = FilterBenchmark.javaPredicate(e);
      assertThat(f.test(EventView.of(e))).as("%s", e).isEqualTo(expected);
      passed += expected ? 1 : 0;
    }
    assertThat(passed).isBetween(10, 200);
  }

  /** Every expression gives the same result (or both fail) planned and on CEL's interpreter. */
  @Test
  void plannedEvaluationEqualsTheInterpreter() throws Exception {
    List<String> expressions =
        List.of(
            FilterBenchmark.CEL,
            "country == 'US' || device_type != 'tv'",
            "!(initial_bitrate_kbps >= 3500) && startup_latency_ms < 900",
            "initial_bitrate_kbps in [1500, 4500, 6000]",
            "country.startsWith('B') || region.endsWith('east') || isp.contains('cast')",
            "header.service == 'playback' && header.event_time > 0",
            "event_type == 'PlaybackStarted' ? country == 'DE' : false",
            "true && !false",
            "country > 'F'",
            "size(country) == 2 && initial_bitrate_kbps * 2 > 7000",
            "client_ip != null && client_ip.startsWith('203.')",
            "client_ip.startsWith('10.')",
            "country.matches('^(US|GB)$')",
            "[country, device_type].exists(x, x == 'tv')");
    List<PlaybackStarted> events = new ArrayList<>(List.of(FilterBenchmark.sampleEvents(64, 3)));
    events.add(PlaybackStarted.newBuilder(SampleEvents.started()).setClientIp(null).build());
    int planned = 0;
    for (String expr : expressions) {
      CompiledFilter a = cel.compile(expr, STARTED);
      CompiledFilter b = interpreter.compile(expr, STARTED);
      planned += CelFilterCompiler.isPlanned(a) ? 1 : 0;
      for (PlaybackStarted e : events) {
        assertThat(outcome(a, e)).as("%s on %s", expr, e).isEqualTo(outcome(b, e));
      }
    }
    assertThat(planned).isEqualTo(8); // the others use operators outside the planned subset
  }

  private static String outcome(CompiledFilter f, SpecificRecord e) {
    try {
      return Boolean.toString(f.test(EventView.of(e)));
    } catch (FilterEvaluationException ex) {
      return "error";
    }
  }

  @Test
  void badExpressionsReportPositionAndReason() {
    assertThatThrownBy(() -> cel.compile("country in ['US' && x", STARTED))
        .isInstanceOfSatisfying(
            FilterCompileException.class,
            e -> {
              assertThat(e.issues()).isNotEmpty();
              ExpressionIssue first = e.issues().get(0);
              assertThat(first.line()).isEqualTo(1);
              assertThat(first.column()).isEqualTo(22);
              assertThat(first.message()).contains("mismatched input");
            });
    assertThatThrownBy(() -> cel.compile("bitrate_kbps > 3000", STARTED))
        .isInstanceOfSatisfying(
            FilterCompileException.class,
            e -> {
              assertThat(e.issues()).hasSize(1);
              assertThat(e.issues().get(0).column()).isEqualTo(1);
              assertThat(e.issues().get(0).message())
                  .contains("undeclared reference to 'bitrate_kbps'");
            });
    assertThatThrownBy(() -> cel.compile("initial_bitrate_kbps > 'fast'", STARTED))
        .isInstanceOfSatisfying(
            FilterCompileException.class,
            e -> assertThat(e.issues().get(0).message()).contains("no matching overload"));
    assertThatThrownBy(() -> cel.compile("country", STARTED))
        .isInstanceOfSatisfying(
            FilterCompileException.class,
            e -> assertThat(e.issues().get(0).message()).contains("bool"));
    assertThatThrownBy(() -> cel.compile("country == 'US'\n  && header.servce == 'x'", STARTED))
        .isInstanceOfSatisfying(
            FilterCompileException.class,
            e -> {
              assertThat(e.issues().get(0).line()).isEqualTo(2);
              assertThat(e.issues().get(0).message()).contains("header");
            });
    assertThatThrownBy(() -> cel.compile("x".repeat(5000), STARTED))
        .isInstanceOf(FilterCompileException.class);
  }

  @Test
  void aRouteOverSeveralTypesSeesTheUnionAndNullForMissingFields() throws Exception {
    Set<EventType> both = EnumSet.of(EventType.PLAYBACK_STARTED, EventType.PLAYBACK_HEARTBEAT);
    CompiledFilter guarded =
        cel.compile(
            "event_type == 'PlaybackHeartbeat' ? bitrate_kbps > 4000 : initial_bitrate_kbps"
                + " > 2000",
            both);
    assertThat(guarded.test(EventView.of(SampleEvents.heartbeat()))).isTrue(); // 4300
    assertThat(guarded.test(EventView.of(SampleEvents.started()))).isTrue(); // 3000
    CompiledFilter unguarded = cel.compile("bitrate_kbps > 4000", both);
    assertThatThrownBy(() -> unguarded.test(EventView.of(SampleEvents.started())))
        .isInstanceOf(FilterEvaluationException.class);
  }

  @Test
  void nullableFieldsCompareWithNullAndFailWhenUsedAsValues() throws Exception {
    Set<EventType> errors = Set.of(EventType.PLAYBACK_ERROR);
    PlaybackError noCountry =
        PlaybackError.newBuilder(SampleEvents.error()).setCountry(null).build();
    CompiledFilter isNull = cel.compile("country == null", errors);
    assertThat(isNull.test(EventView.of(noCountry))).isTrue();
    assertThat(isNull.test(EventView.of(SampleEvents.error()))).isFalse();
    CompiledFilter safe = cel.compile("country != null && country.startsWith('U')", errors);
    assertThat(safe.test(EventView.of(noCountry))).isFalse();
    CompiledFilter unsafe = cel.compile("country.startsWith('U')", errors);
    assertThatThrownBy(() -> unsafe.test(EventView.of(noCountry)))
        .isInstanceOf(FilterEvaluationException.class);
  }

  @Test
  void listsEnumsAndNestedRecordsAreBound() throws Exception {
    assertThat(
            cel.compile(
                    "'t-2' in title_ids && row_name == 'trending'", Set.of(EventType.IMPRESSION))
                .test(EventView.of(SampleEvents.impression())))
        .isTrue();
    assertThat(
            cel.compile("reason == 'USER_STOPPED'", Set.of(EventType.PLAYBACK_STOPPED))
                .test(EventView.of(SampleEvents.stopped())))
        .isTrue();
    assertThat(
            cel.compile(
                    "candidates.exists(c, c.rank == 1 && c.score > 0.9)",
                    Set.of(EventType.STEERING_DECISION))
                .test(EventView.of(SampleEvents.steering())))
        .isTrue();
  }

  @Test
  void eventViewBindsFieldsHeaderAndType() {
    EventView v = EventView.of(SampleEvents.started());
    assertThat(v.get("country")).isEqualTo("US");
    assertThat(v.get("initial_bitrate_kbps")).isEqualTo(3000L);
    assertThat(v.get("header.service")).isEqualTo("playback");
    assertThat(v.get("header.event_time")).isEqualTo(SampleEvents.SAMPLE_TIME.toEpochMilli());
    assertThat(v.get(EventFields.EVENT_TYPE)).isEqualTo("PlaybackStarted");
    assertThat(v.get("bitrate_kbps")).isNull();
    assertThat(v.asMap()).containsKeys("session_id", "header.event_id", "event_type");
  }
}
