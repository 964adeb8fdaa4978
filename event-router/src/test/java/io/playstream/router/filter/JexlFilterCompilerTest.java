package io.playstream.router.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playstream.events.PlaybackStarted;
import io.playstream.router.bench.FilterBenchmark;
import io.playstream.schemas.EventType;
import io.playstream.schemas.SampleEvents;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JexlFilterCompilerTest {
  private static final Set<EventType> STARTED = Set.of(EventType.PLAYBACK_STARTED);
  private final JexlFilterCompiler jexl = new JexlFilterCompiler();

  @Test
  void theTypicalFilterMatchesPlainJava() throws Exception {
    CompiledFilter f = jexl.compile(FilterBenchmark.JEXL, STARTED);
    for (PlaybackStarted e : FilterBenchmark.sampleEvents(200, 11)) {
      assertThat(f.test(EventView.of(e))).isEqualTo(FilterBenchmark.javaPredicate(e));
    }
  }

  @Test
  void theSandboxRejectsMethodCallsObjectCreationLoopsAndAssignments() {
    for (String expr :
        new String[] {
          "country.toLowerCase() == 'us'",
          "new('java.io.File', '/etc/passwd') != null",
          "for (var x : title_ids) { true }",
          "country = 'US'",
          "var x = 1; x == 1",
          "(x) -> x"
        }) {
      assertThatThrownBy(() -> jexl.compile(expr, STARTED))
          .as(expr)
          .isInstanceOf(FilterCompileException.class);
    }
  }

  @Test
  void unknownVariablesAndSyntaxErrorsAreLocated() {
    assertThatThrownBy(() -> jexl.compile("country == 'US' && bitrate_kbps > 1", STARTED))
        .isInstanceOfSatisfying(
            FilterCompileException.class,
            e -> {
              assertThat(e.issues().get(0).column()).isEqualTo(20);
              assertThat(e.issues().get(0).message()).contains("bitrate_kbps");
            });
    assertThatThrownBy(() -> jexl.compile("country == ", STARTED))
        .isInstanceOf(FilterCompileException.class);
  }

  @Test
  void headerFieldsAndEventTypeAreBound() throws Exception {
    assertThat(
            jexl.compile("header.service == 'playback' && event_type == 'PlaybackStarted'", STARTED)
                .test(EventView.of(SampleEvents.started())))
        .isTrue();
  }
}
