package io.playstream.router;

import static io.playstream.router.RouterHarness.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.events.PlaybackError;
import io.playstream.events.PlaybackStarted;
import io.playstream.events.TitleUpserted;
import io.playstream.schemas.DeadLetterHeaders;
import io.playstream.schemas.EventCodec;
import io.playstream.schemas.EventType;
import io.playstream.schemas.Events;
import io.playstream.schemas.SampleEvents;
import io.playstream.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RouterTopologyTest {
  private static final String PLAYBACK = Topics.FRONTING_PLAYBACK.name();
  private static final String ACTIVITY = Topics.FRONTING_ACTIVITY.name();
  private static final String TYPICAL_FILTER =
      "country in ['US','BR','GB'] && device_type == 'tv' && initial_bitrate_kbps > 3000";

  private final RouterHarness h = new RouterHarness();

  @AfterEach
  void close() {
    h.close();
  }

  private static Route startedRoute(String name) {
    return Route.of(name, List.of(PLAYBACK), List.of("PlaybackStarted"));
  }

  @Test
  void filterPassesOnlyMatchingEvents() {
    h.apply(startedRoute("hd-tv").withFilter(TYPICAL_FILTER));
    PlaybackStarted pass1 = TestEvents.started("US", "tv", 4000);
    PlaybackStarted pass2 = TestEvents.started("GB", "tv", 3001);
    h.send(pass1);
    h.send(TestEvents.started("DE", "tv", 4000));
    h.send(TestEvents.started("US", "mobile", 4000));
    h.send(TestEvents.started("US", "tv", 3000));
    h.send(pass2);

    List<SpecificRecord> out = h.events("hd-tv");
    assertThat(out).containsExactly(pass1, pass2);
    RouterMetrics.RouteCounters c = h.metrics.route("hd-tv");
    assertThat(c.in()).isEqualTo(5);
    assertThat(c.out()).isEqualTo(2);
    assertThat(c.filtered()).isEqualTo(3);
    assertThat(h.deadLetters()).isEmpty();
  }

  @Test
  void outputKeepsKeyTimestampAndHeadersButNotDeadLetterDirectives() {
    h.apply(startedRoute("all-started"));
    PlaybackStarted e = TestEvents.started("s-42");
    RecordHeaders headers = new RecordHeaders();
    headers.add("traceparent", "00-abc-01".getBytes(StandardCharsets.UTF_8));
    headers.add(DeadLetterHeaders.REASON, "filter-error".getBytes(StandardCharsets.UTF_8));
    h.send(e, headers);

    List<TestRecord<byte[], byte[]>> out = h.read(Topics.route("all-started").name());
    assertThat(out).hasSize(1);
    TestRecord<byte[], byte[]> r = out.get(0);
    assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("s-42");
    assertThat(r.getRecordTime()).isEqualTo(RouterHarness.NOW);
    assertThat(header(r, "traceparent")).isEqualTo("00-abc-01");
    assertThat(r.headers().lastHeader(DeadLetterHeaders.REASON)).isNull();
    assertThat(EventCodec.standard().decode(r.value())).isEqualTo(e);
  }

  @Test
  void projectionHashesRedactsAndDropsWithinTheSchema() {
    h.apply(
        startedRoute("hashed")
            .withProjection(new Projection(null, null, List.of("client_ip", "profile_id"), null)),
        startedRoute("redacted")
            .withProjection(
                new Projection(null, List.of("header.trace_id"), null, List.of("client_ip"))));
    PlaybackStarted e = TestEvents.started("US", "tv", 4000);
    h.send(e);

    PlaybackStarted hashed = (PlaybackStarted) h.events("hashed").get(0);
    assertThat(hashed.getClientIp())
        .isEqualTo(RouterHarness.KEY.hash("203.0.113.7"))
        .matches("[0-9a-f]{64}");
    assertThat(hashed.getProfileId()).isEqualTo(RouterHarness.KEY.hash("p-1"));
    assertThat(hashed.getSessionId()).isEqualTo(e.getSessionId());
    assertThat(hashed.getCountry()).isEqualTo("US");

    PlaybackStarted redacted = (PlaybackStarted) h.events("redacted").get(0);
    assertThat(redacted.getClientIp()).isNull();
    assertThat(redacted.getHeader().getTraceId()).isNull();
    assertThat(redacted.getProfileId()).isEqualTo("p-1");
    assertThat(redacted.getHeader().getEventId()).isEqualTo(e.getHeader().getEventId());
    // the input event was not changed by the projections (other routes see the original)
    assertThat(e.getClientIp()).isEqualTo("203.0.113.7");
  }

  @Test
  void keepNullsEveryOtherNullableField() {
    h.apply(
        Route.of("errors-lean", List.of(PLAYBACK), List.of("PlaybackError"))
            .withProjection(new Projection(List.of("country"), null, null, null)));
    h.send(SampleEvents.error());

    PlaybackError out = (PlaybackError) h.events("errors-lean").get(0);
    assertThat(out.getCountry()).isEqualTo("US");
    assertThat(out.getMessage()).isNull();
    assertThat(out.getDeviceType()).isNull();
    assertThat(out.getCdnServerId()).isNull();
    assertThat(out.getHeader().getTraceId()).isNull();
    assertThat(out.getCode()).isEqualTo("NETWORK_TIMEOUT"); // required fields stay
  }

  @Test
  void samplingPicksTheSameEventsEveryTime() {
    h.apply(startedRoute("sampled").withSampleRate(0.3));
    List<PlaybackStarted> events = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      events.add(TestEvents.started("s-" + i));
    }
    events.forEach(h::send);
    Set<String> first = ids(h.events("sampled"));
    events.forEach(h::send); // a replay of the same events
    Set<String> second = ids(h.events("sampled"));

    Set<String> expected =
        events.stream()
            .map(Events::eventId)
            .filter(id -> Sampler.keep(id, 0.3))
            .collect(Collectors.toSet());
    assertThat(first).isEqualTo(expected).isEqualTo(second);
    assertThat(first.size()).isBetween(240, 360);
    RouterMetrics.RouteCounters c = h.metrics.route("sampled");
    assertThat(c.sampledOut() + c.out()).isEqualTo(2000);
  }

  @Test
  void defaultRoutesFanOutToEveryRouteThatAsks() {
    h.apply(DefaultRoutes.load().toArray(Route[]::new));
    h.send(SampleEvents.started());
    h.send(SampleEvents.rating());
    h.send(SampleEvents.titleUpserted());

    assertThat(types(h.events("metrics-playback"))).containsExactly("PlaybackStarted");
    assertThat(types(h.events("recs-activity"))).containsExactly("PlaybackStarted", "Rating");
    assertThat(types(h.events("iceberg-raw"))).containsExactly("PlaybackStarted");
    assertThat(types(h.events("cassandra-history"))).containsExactly("Rating");
    assertThat(types(h.events("catalog"))).containsExactly("TitleUpserted");
  }

  @Test
  void routesAddedChangedDisabledAndRemovedAtRuntime() {
    PlaybackStarted us = TestEvents.started("US", "tv", 4000);
    PlaybackStarted de = TestEvents.started("DE", "tv", 4000);
    h.send(us);
    assertThat(h.metrics.recordsUnmatched()).containsEntry(PLAYBACK, 1L);

    Route route = startedRoute("live");
    h.apply(route);
    h.send(us);
    h.send(de);
    assertThat(h.events("live")).containsExactly(us, de);

    h.apply(route.withFilter("country == 'DE'"));
    h.send(us);
    h.send(de);
    assertThat(h.events("live")).containsExactly(de);

    h.apply(route.withEnabled(false));
    h.send(de);
    assertThat(h.events("live")).isEmpty();

    h.apply(route);
    h.delete("live");
    h.send(us);
    assertThat(h.events("live")).isEmpty();
    assertThat(h.registry.states()).isEmpty();
    assertThat(h.metrics.recordsUnmatched()).containsEntry(PLAYBACK, 3L);
  }

  @Test
  void anInvalidRouteTextKeepsThePreviousVersion() {
    h.apply(startedRoute("stable").withFilter("country == 'US'"));
    h.applyText("stable", RouteYaml.toYaml(startedRoute("stable").withFilter("country ==")));
    PlaybackStarted us = TestEvents.started("US", "tv", 4000);
    h.send(us);
    h.send(TestEvents.started("DE", "tv", 4000));

    assertThat(h.events("stable")).containsExactly(us);
    RouteRegistry.RouteState state = h.registry.states().get(0);
    assertThat(state.error()).contains("filter").contains("line 1");
    assertThat(state.active().route().filter()).isEqualTo("country == 'US'");
  }

  @Test
  void undecodableAndUnknownSchemaRecordsAreDeadLetteredOnceWithTheirOrigin() {
    h.apply(startedRoute("a"), startedRoute("b"));
    byte[] garbage = "not an avro record at all".getBytes(StandardCharsets.UTF_8);
    h.sendRaw(PLAYBACK, "k1".getBytes(), garbage, new RecordHeaders());
    byte[] unknown = EventCodec.standard().encode(SampleEvents.started());
    Arrays.fill(unknown, 2, 10, (byte) 0x5a); // a fingerprint nobody released
    h.sendRaw(PLAYBACK, "k2".getBytes(), unknown, new RecordHeaders());

    List<TestRecord<byte[], byte[]>> dlq = h.deadLetters();
    assertThat(dlq).hasSize(2);
    TestRecord<byte[], byte[]> first = dlq.get(0);
    assertThat(first.value()).isEqualTo(garbage);
    assertThat(first.key()).isEqualTo("k1".getBytes());
    assertThat(header(first, DeadLetterHeaders.REASON)).isEqualTo("undecodable");
    assertThat(header(first, DeadLetterHeaders.DETAIL)).contains("marker");
    assertThat(header(first, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(PLAYBACK);
    assertThat(header(first, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
    assertThat(header(first, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
    assertThat(header(first, DeadLetterHeaders.TIME)).isEqualTo(RouterHarness.NOW.toString());
    assertThat(header(first, DeadLetterHeaders.INSTANCE)).isEqualTo("test-1");
    assertThat(first.headers().lastHeader(DeadLetterHeaders.ROUTE)).isNull();

    TestRecord<byte[], byte[]> second = dlq.get(1);
    assertThat(second.value()).isEqualTo(unknown);
    assertThat(header(second, DeadLetterHeaders.REASON)).isEqualTo("unknown-schema");
    assertThat(header(second, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("1");
    assertThat(h.metrics.deadLettersByReason())
        .containsEntry("undecodable", 1L)
        .containsEntry("unknown-schema", 1L);
    assertThat(h.events("a")).isEmpty();
  }

  @Test
  void aFilterThatFailsAtRunTimeDeadLettersTheEventForThatRouteOnly() {
    Route errors = Route.of("eu-errors", List.of(PLAYBACK), List.of("PlaybackError"));
    h.apply(
        errors.withFilter("country.startsWith('D')"),
        Route.of("all-errors", List.of(PLAYBACK), List.of("PlaybackError")));
    PlaybackError noCountry = TestEvents.errorWithoutCountry();
    h.send(noCountry);

    assertThat(h.events("all-errors")).containsExactly(noCountry);
    List<TestRecord<byte[], byte[]>> dlq = h.deadLetters();
    assertThat(dlq).hasSize(1);
    assertThat(header(dlq.get(0), DeadLetterHeaders.REASON)).isEqualTo("filter-error");
    assertThat(header(dlq.get(0), DeadLetterHeaders.ROUTE)).isEqualTo("eu-errors");
    assertThat(header(dlq.get(0), DeadLetterHeaders.DETAIL)).contains("startsWith");
    assertThat(EventCodec.standard().decode(dlq.get(0).value())).isEqualTo(noCountry);
    assertThat(h.metrics.route("eu-errors").deadLettered()).isEqualTo(1);
  }

  @Test
  void aReplayedRouteSpecificDeadLetterGoesOnlyToItsRoute() {
    h.apply(startedRoute("a"), startedRoute("b"));
    RecordHeaders headers = new RecordHeaders();
    headers.add(DeadLetterHeaders.REPLAY_ROUTE, "b".getBytes(StandardCharsets.UTF_8));
    headers.add(DeadLetterHeaders.REPLAY_COUNT, "1".getBytes(StandardCharsets.UTF_8));
    h.send(TestEvents.started("US", "tv", 4000), headers);

    assertThat(h.events("a")).isEmpty();
    List<TestRecord<byte[], byte[]>> b = h.read(Topics.route("b").name());
    assertThat(b).hasSize(1);
    assertThat(header(b.get(0), DeadLetterHeaders.REPLAY_COUNT)).isEqualTo("1");
    assertThat(b.get(0).headers().lastHeader(DeadLetterHeaders.REPLAY_ROUTE)).isNull();
  }

  @Test
  void recordsOverTheSizeLimitAreDeadLettered() {
    try (RouterHarness small = new RouterHarness(400)) {
      small.apply(
          Route.of("titles", List.of(Topics.FRONTING_CATALOG.name()), List.of()),
          startedRoute("hashed-ip")
              .withProjection(new Projection(null, null, List.of("client_ip"), null)));
      TitleUpserted big =
          TitleUpserted.newBuilder(SampleEvents.titleUpserted()).setName("x".repeat(500)).build();
      small.send(big);
      // the started event fits, but hashing the client IP makes the output too large
      PlaybackStarted plain =
          PlaybackStarted.newBuilder(TestEvents.started("US", "tv", 4000)).setIsp("").build();
      int base = EventCodec.standard().encode(plain).length + plain.getSessionId().length();
      PlaybackStarted started =
          PlaybackStarted.newBuilder(plain).setIsp("i".repeat(400 - 20 - base)).build();
      int size = EventCodec.standard().encode(started).length + started.getSessionId().length();
      assertThat(size).isBetween(375, 390); // + 53 bytes once the IP is a 64-digit hash
      small.send(started);

      List<TestRecord<byte[], byte[]>> dlq = small.deadLetters();
      assertThat(dlq).hasSize(2);
      assertThat(header(dlq.get(0), DeadLetterHeaders.REASON)).isEqualTo("too-large");
      assertThat(dlq.get(0).headers().lastHeader(DeadLetterHeaders.ROUTE)).isNull();
      assertThat(header(dlq.get(1), DeadLetterHeaders.REASON)).isEqualTo("too-large");
      assertThat(header(dlq.get(1), DeadLetterHeaders.ROUTE)).isEqualTo("hashed-ip");
      assertThat(small.events("titles")).isEmpty();
    }
  }

  @Test
  void nothingIsLostEveryInputIsAccountedFor() {
    h.apply(DefaultRoutes.load().toArray(Route[]::new));
    h.apply(startedRoute("sampled").withSampleRate(0.5).withFilter(TYPICAL_FILTER));
    h.apply(
        Route.of("eu-errors", List.of(PLAYBACK), List.of("PlaybackError"))
            .withFilter("country.startsWith('D')"));
    int sent = 0;
    for (int i = 0; i < 50; i++) {
      for (EventType t : EventType.frontingTypes()) {
        h.send(SampleEvents.of(t));
        sent++;
      }
      h.send(TestEvents.started(i % 2 == 0 ? "US" : "DE", "tv", 2000 + 100 * i));
      h.send(TestEvents.errorWithoutCountry());
      h.sendRaw(ACTIVITY, null, new byte[] {1, 2, 3}, new RecordHeaders());
      sent += 3;
    }
    long in = h.metrics.recordsIn().values().stream().mapToLong(Long::longValue).sum();
    long matched = h.metrics.recordsMatched().values().stream().mapToLong(Long::longValue).sum();
    long unmatched =
        h.metrics.recordsUnmatched().values().stream().mapToLong(Long::longValue).sum();
    assertThat(in).isEqualTo(sent);
    assertThat(matched + unmatched + h.metrics.recordLevelDeadLetters()).isEqualTo(in);
    assertThat(h.metrics.recordLevelDeadLetters()).isEqualTo(50);

    long routedOut = 0;
    for (var e : h.metrics.routes().entrySet()) {
      RouterMetrics.RouteCounters c = e.getValue();
      assertThat(c.out() + c.filtered() + c.sampledOut() + c.deadLettered())
          .as("route %s", e.getKey())
          .isEqualTo(c.in());
      routedOut += c.out();
      String destination = Topics.route(e.getKey()).name();
      assertThat(h.read(destination)).as("records on %s", destination).hasSize((int) c.out());
    }
    assertThat(routedOut).isPositive();
    assertThat(h.deadLetters()).hasSize((int) h.metrics.deadLettersTotal());
    assertThat(h.metrics.route("eu-errors").deadLettered()).isEqualTo(50);
  }

  private static Set<String> ids(List<SpecificRecord> events) {
    Set<String> ids = new HashSet<>();
    events.forEach(e -> ids.add(Events.eventId(e)));
    return Collections.unmodifiableSet(ids);
  }

  private static List<String> types(List<SpecificRecord> events) {
    return events.stream().map(e -> e.getSchema().getName()).toList();
  }
}
