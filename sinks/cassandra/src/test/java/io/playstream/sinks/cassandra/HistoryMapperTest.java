package io.playstream.sinks.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playstream.events.PlaybackSessionSummary;
import io.playstream.events.PlaybackStopped;
import io.playstream.events.Rating;
import io.playstream.events.StopReason;
import io.playstream.flink.DeadLetter;
import io.playstream.flink.RawEvent;
import io.playstream.flink.RawEvents;
import io.playstream.schemas.DeadLetterHeaders;
import io.playstream.schemas.SampleEvents;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryMapperTest {
  private static final Instant EVENT_TIME = SampleEvents.SAMPLE_TIME;
  private static final Instant ONE_DAY_LATER = EVENT_TIME.plus(Duration.ofDays(1));
  private static final Duration TTL = Duration.ofDays(180);
  private static final String TOPIC = "playstream.route.cassandra-history";

  private final HistoryMapper mapper =
      new HistoryMapper(TTL, Clock.fixed(ONE_DAY_LATER, ZoneOffset.UTC), "test-job");

  @Test
  void stopBecomesAViewingRowKeyedByProfileTimeAndSession() {
    PlaybackStopped stop = SampleEvents.stopped();
    stop.setReason(StopReason.COMPLETED);

    CqlWrite w = mapper.toWrite(RawEvents.of(stop, TOPIC, 0, 7));

    assertThat(w.statement()).isEqualTo(HistoryMapper.VIEWING);
    assertThat(w.values())
        .containsExactly(
            "p-1",
            EVENT_TIME,
            "s-1",
            "t-1",
            1_800L,
            1_800_000L,
            true,
            "COMPLETED",
            stop.getHeader().getEventId(),
            (int) Duration.ofDays(179).toSeconds(),
            EVENT_TIME.toEpochMilli() * 1000);
  }

  @Test
  void theSameEventMapsToTheSameWrite() {
    RawEvent raw = RawEvents.of(SampleEvents.stopped(), TOPIC, 0, 7);
    RawEvent replayed = RawEvents.of(SampleEvents.stopped(), TOPIC, 2, 99);
    replayed.value = raw.value;

    assertThat(mapper.toWrite(replayed)).isEqualTo(mapper.toWrite(raw));
  }

  @Test
  void ttlCountsFromTheEventTimeSoTheRowExpiresAtTheSameMomentWhenWrittenLater() {
    int writtenNow = HistoryMapper.ttlSeconds(EVENT_TIME, EVENT_TIME, TTL);
    int writtenADayLater = HistoryMapper.ttlSeconds(EVENT_TIME, ONE_DAY_LATER, TTL);

    assertThat(writtenNow).isEqualTo(TTL.toSeconds());
    assertThat(EVENT_TIME.plusSeconds(writtenNow))
        .isEqualTo(ONE_DAY_LATER.plusSeconds(writtenADayLater));
    assertThat(HistoryMapper.ttlSeconds(EVENT_TIME, EVENT_TIME.plus(Duration.ofDays(9000)), TTL))
        .isNegative();
    assertThat(HistoryMapper.ttlSeconds(EVENT_TIME, EVENT_TIME, Duration.ofDays(100_000)))
        .isEqualTo(HistoryMapper.MAX_TTL_SECONDS);
  }

  @Test
  void anExpiredStopIsSkipped() {
    HistoryMapper late =
        new HistoryMapper(
            Duration.ofDays(1),
            Clock.fixed(EVENT_TIME.plus(Duration.ofDays(2)), ZoneOffset.UTC),
            "j");

    assertThat(late.toWrite(RawEvents.of(SampleEvents.stopped(), TOPIC, 0, 1))).isNull();
  }

  @Test
  void ratingBecomesTheCurrentThumbWrittenAtItsEventTime() {
    Rating r = SampleEvents.rating();

    CqlWrite w = mapper.toWrite(RawEvents.of(r, TOPIC, 1, 3));

    assertThat(w.statement()).isEqualTo(HistoryMapper.RATING);
    assertThat(w.values())
        .containsExactly(
            "p-1",
            "t-1",
            "UP",
            EVENT_TIME,
            "US",
            r.getHeader().getEventId(),
            EVENT_TIME.toEpochMilli() * 1000);
  }

  @Test
  void sessionSummaryKeepsNullsForUnknownValues() {
    PlaybackSessionSummary s = SampleEvents.sessionSummary();
    s.setMeanBitrateKbps(null);
    s.setStopReason(null);

    CqlWrite w = mapper.toWrite(RawEvents.of(s, "playstream.sessions", 0, 1));

    assertThat(w.statement()).isEqualTo(HistoryMapper.SESSION);
    List<Object> v = w.values();
    assertThat(v).hasSize(22);
    assertThat(v.subList(0, 6))
        .containsExactly("p-1", s.getStartedAt(), "s-1", "t-1", s.getEndedAt(), "STOPPED");
    assertThat(v.get(6)).isNull();
    assertThat(v.get(11)).isNull();
    assertThat(v.get(15)).isEqualTo("oca-us-east-1");
    assertThat(v.get(21)).isEqualTo(EVENT_TIME.toEpochMilli() * 1000);
  }

  @Test
  void everyStatementHasAsManyMarkersAsItsWriteHasValues() {
    var statements = mapper.statements("ks");
    List<CqlWrite> writes =
        List.of(
            HistoryMapper.toWrite(SampleEvents.stopped(), EVENT_TIME, TTL),
            HistoryMapper.toWrite(SampleEvents.rating(), EVENT_TIME, TTL),
            HistoryMapper.toWrite(SampleEvents.sessionSummary(), EVENT_TIME, TTL));

    for (CqlWrite w : writes) {
      String cql = statements.get(w.statement());
      assertThat(cql).startsWith("INSERT INTO ks.");
      assertThat(cql.chars().filter(c -> c == '?').count())
          .as(w.statement())
          .isEqualTo(w.values().size());
    }
  }

  @Test
  void otherEventTypesAreSkipped() {
    assertThat(mapper.toWrite(RawEvents.of(SampleEvents.started(), TOPIC, 0, 1))).isNull();
    assertThat(mapper.toWrite(RawEvents.of(SampleEvents.impression(), TOPIC, 0, 1))).isNull();
  }

  @Test
  void undecodableBytesAreRejectedWithTheCodecsReason() {
    RawEvent garbage =
        RawEvents.bytes("not avro".getBytes(StandardCharsets.UTF_8), TOPIC, 0, 5, 1L);
    RawEvent unknown = RawEvents.of(SampleEvents.stopped(), TOPIC, 0, 6);
    unknown.value = Arrays.copyOf(unknown.value, unknown.value.length);
    unknown.value[2] ^= 0x5a; // another schema fingerprint

    assertThatThrownBy(() -> mapper.toWrite(garbage))
        .isInstanceOfSatisfying(
            RejectedRecordException.class,
            e -> assertThat(e.reason()).isEqualTo(DeadLetterHeaders.UNDECODABLE));
    assertThatThrownBy(() -> mapper.toWrite(unknown))
        .isInstanceOfSatisfying(
            RejectedRecordException.class,
            e -> assertThat(e.reason()).isEqualTo(DeadLetterHeaders.UNKNOWN_SCHEMA));
  }

  @Test
  void deadLetterCarriesTheOriginalBytesAndOrigin() {
    RawEvent raw = RawEvents.of(SampleEvents.stopped(), TOPIC, 3, 42);

    DeadLetter d = mapper.deadLetter(raw, DeadLetterHeaders.SINK_REJECTED, "Key may not be empty");

    assertThat(d.value).isEqualTo(raw.value);
    assertThat(d.key).isEqualTo(raw.key);
    assertThat(d.sourceTopic).isEqualTo(TOPIC);
    assertThat(d.sourcePartition).isEqualTo(3);
    assertThat(d.sourceOffset).isEqualTo(42);
    assertThat(d.reason).isEqualTo(DeadLetterHeaders.SINK_REJECTED);
    assertThat(d.detail).isEqualTo("Key may not be empty");
    assertThat(d.component).isEqualTo("test-job");
  }

  @Test
  void cqlWriteAllowsNullValues() {
    CqlWrite w = CqlWrite.of("s", "a", null, 1);

    assertThat(w.values()).containsExactly("a", null, 1);
  }
}
