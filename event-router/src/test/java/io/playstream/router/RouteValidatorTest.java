package io.playstream.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playstream.schemas.Topics;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteValidatorTest {
  private static final String PLAYBACK = Topics.FRONTING_PLAYBACK.name();
  private final RouteValidator validator = RouteValidator.standard();

  private static Route started(String name) {
    return Route.of(name, List.of(PLAYBACK), List.of("PlaybackStarted"));
  }

  @Test
  void defaultRoutesAreValid() {
    List<Route> routes = DefaultRoutes.load();
    assertThat(routes)
        .extracting(Route::name)
        .containsExactly(
            "metrics-playback", "recs-activity", "iceberg-raw", "cassandra-history", "catalog");
    assertThat(routes).allSatisfy(r -> assertThat(r.description()).isNotBlank());
    assertThat(validator.validate(routes)).isEmpty();
  }

  @Test
  void aBadExpressionIsReportedWithRouteFieldPositionAndReason() {
    List<RouteProblem> problems =
        validator.validate(List.of(started("ok"), started("bad").withFilter("country ==")));
    assertThat(problems).hasSize(1);
    RouteProblem p = problems.get(0);
    assertThat(p.route()).isEqualTo("bad");
    assertThat(p.field()).isEqualTo("filter");
    assertThat(p.line()).isEqualTo(1);
    assertThat(p.column()).isEqualTo(11);
    assertThat(p.message()).contains("mismatched input");
    assertThat(p.toString()).startsWith("route bad: filter (line 1, column 11): ");
  }

  @Test
  void everyProblemIsReportedAndTheSetIsRejectedAsAWhole() {
    Route bad =
        new Route(
            "Bad Name",
            null,
            List.of("playstream.fronting.nope", PLAYBACK),
            List.of("PlaybackStarted", "Rating", "NoSuchEvent"),
            null,
            null,
            1.5,
            Topics.DLQ.name(),
            true);
    List<RouteProblem> problems = validator.validate(List.of(bad, started("dup"), started("dup")));
    assertThat(problems)
        .extracting(RouteProblem::field)
        .containsExactlyInAnyOrder(
            "name", "sources", "event_types", "event_types", "sample_rate", "destination", "name");
    assertThat(problems)
        .anySatisfy(p -> assertThat(p.message()).contains("Rating is produced to"))
        .anySatisfy(p -> assertThat(p.message()).contains("duplicate route name"))
        .anySatisfy(p -> assertThat(p.message()).contains("must not write there"));
    assertThatThrownBy(() -> validator.check(List.of(started("fine"), bad)))
        .isInstanceOf(RouteValidationException.class)
        .hasMessageContaining("nothing applied");
  }

  @Test
  void projectionsMustStayWithinTheEventsSchema() {
    Route r =
        Route.of("p", List.of(PLAYBACK), List.of("PlaybackStarted", "PlaybackHeartbeat"))
            .withProjection(
                new Projection(
                    null,
                    List.of("profile_id", "no_such_field"),
                    List.of("bitrate_kbps", "client_ip"),
                    List.of("client_ip")));
    List<RouteProblem> problems = validator.validate(List.of(r));
    assertThat(problems)
        .extracting(RouteProblem::message)
        .anySatisfy(
            m ->
                assertThat(m)
                    .contains("'profile_id' of PlaybackHeartbeat is not nullable")
                    .contains("hash it instead"))
        .anySatisfy(m -> assertThat(m).contains("no field 'no_such_field'"))
        .anySatisfy(m -> assertThat(m).contains("'bitrate_kbps' of PlaybackHeartbeat is int"))
        .anySatisfy(m -> assertThat(m).contains("both redact and hash"));
    assertThat(
            validator.validate(
                List.of(
                    started("k")
                        .withProjection(
                            new Projection(List.of("client_ip"), List.of("isp"), null, null)))))
        .anySatisfy(p -> assertThat(p.message()).contains("keep").contains("not both"));
  }

  @Test
  void nullableAndHeaderFieldsCanBeDroppedAndStringsHashed() {
    Route r =
        started("fine")
            .withProjection(
                new Projection(
                    null,
                    List.of("header.trace_id"),
                    List.of("profile_id", "header.instance"),
                    List.of("client_ip")));
    assertThat(validator.validate(List.of(r))).isEmpty();
  }

  @Test
  void emptyEventTypesMeanEveryTypeOfTheSources() {
    Route all = Route.of("all-activity", List.of(Topics.FRONTING_ACTIVITY.name()), List.of());
    assertThat(RouteValidator.eventTypesOf(all))
        .extracting(t -> t.simpleName())
        .containsExactlyInAnyOrder("Impression", "Rating");
    assertThat(validator.validate(List.of(all.withFilter("profile_id == 'p-1'")))).isEmpty();
  }

  @Test
  void yamlRoundTripsAndUnknownKeysAreErrors() {
    Route r =
        started("rt")
            .withDescription("round trip")
            .withFilter("country in ['US', 'GB']")
            .withProjection(new Projection(null, null, List.of("client_ip"), null))
            .withSampleRate(0.25)
            .withEnabled(false);
    String yaml = RouteYaml.toYaml(r);
    assertThat(yaml).contains("event_types:").contains("sample_rate: 0.25").doesNotContain("empty");
    assertThat(RouteYaml.parse(yaml, "test")).containsExactly(r);
    assertThat(RouteYaml.toYaml(started("plain"))).doesNotContain("projection");

    assertThatThrownBy(
            () ->
                RouteYaml.parse(
                    "name: x\nsources: [" + PLAYBACK + "]\nsample-rate: 0.5\n", "file.yaml"))
        .isInstanceOfSatisfying(
            RouteValidationException.class,
            e -> {
              RouteProblem p = e.problems().get(0);
              assertThat(p.route()).isEqualTo("x");
              assertThat(p.field()).isEqualTo("sample-rate");
              assertThat(p.message()).contains("unknown field 'sample-rate'");
            });
  }

  @Test
  void yamlSyntaxErrorsHaveALine() {
    assertThatThrownBy(() -> RouteYaml.parse("routes:\n  - name: a\n    sources: [x\n", "f.yaml"))
        .isInstanceOfSatisfying(
            RouteValidationException.class,
            e -> {
              RouteProblem p = e.problems().get(0);
              assertThat(p.field()).isEqualTo("yaml");
              assertThat(p.line()).isGreaterThanOrEqualTo(3);
            });
  }

  @Test
  void severalDocumentsListsAndRoutesKeysAreAccepted() {
    String yaml =
        "name: a\nsources: ["
            + PLAYBACK
            + "]\n---\n- name: b\n  sources: ["
            + PLAYBACK
            + "]\n---\nroutes:\n  - name: c\n    sources: ["
            + PLAYBACK
            + "]\n";
    assertThat(RouteYaml.parse(yaml, "multi"))
        .extracting(Route::name)
        .containsExactly("a", "b", "c");
  }
}
