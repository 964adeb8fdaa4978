package io.playstream.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.schemas.EventCodec;
import io.playstream.schemas.EventType;
import io.playstream.schemas.Events;
import io.playstream.schemas.SampleEvents;
import java.util.Arrays;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class EventTimesTest {
  private final EventCodec codec = EventCodec.standard();

  @Test
  void peeksTheHeaderEventTimeOfEveryEventType() {
    for (EventType type : EventType.values()) {
      SpecificRecord event = SampleEvents.of(type);
      long expected = Events.header(event).getEventTime().toEpochMilli();
      assertThat(EventTimes.peek(codec.encode(event))).as(type.name()).hasValue(expected);
    }
  }

  @Test
  void garbageTruncatedAndUnknownBytesHaveNoEventTime() {
    assertThat(EventTimes.peek(null)).isEmpty();
    assertThat(EventTimes.peek(new byte[] {1, 2, 3})).isEmpty();
    assertThat(EventTimes.peek("not an event at all, just text".getBytes())).isEmpty();
    byte[] good = codec.encode(SampleEvents.started());
    assertThat(EventTimes.peek(Arrays.copyOf(good, 12))).isEmpty();
    byte[] unknown = good.clone();
    unknown[5] ^= 0x5a; // another fingerprint
    assertThat(EventTimes.peek(unknown)).isEmpty();
  }
}
