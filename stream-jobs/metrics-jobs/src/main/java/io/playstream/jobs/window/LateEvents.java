package io.playstream.jobs.window;

import io.playstream.flink.RawEvent;
import io.playstream.flink.RawEvents;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/**
 * Late events: records that arrived when the job's watermark had already passed their event time.
 * They go to the late topic as the original key, value and headers plus the {@code ps.late.*}
 * headers below (like dead letters), and are counted; they are never dropped silently.
 */
public final class LateEvents {
  /** Job (component) that found the event late. */
  public static final String JOB = "ps.late.job";

  /** Operator that found it late: {@code gate} for the input gate, else the window's name. */
  public static final String OPERATOR = "ps.late.operator";

  /** The event's own time, epoch ms. */
  public static final String EVENT_TIME = "ps.late.event-time";

  /** The watermark it was behind, epoch ms. */
  public static final String WATERMARK = "ps.late.watermark";

  /** Source topic of the original record. */
  public static final String SOURCE_TOPIC = "ps.late.source.topic";

  /** Source partition of the original record (-1 when re-encoded from a decoded event). */
  public static final String SOURCE_PARTITION = "ps.late.source.partition";

  /** Source offset of the original record (-1 when re-encoded from a decoded event). */
  public static final String SOURCE_OFFSET = "ps.late.source.offset";

  /** Side output tag of late raw records. */
  public static final OutputTag<RawEvent> TAG =
      new OutputTag<>("late-events", TypeInformation.of(RawEvent.class));

  private LateEvents() {}

  /** The raw record with the late headers appended (a new object; the input is not changed). */
  public static RawEvent mark(
      RawEvent e, String job, String operator, long eventTime, long watermark) {
    RawEvent out = new RawEvent();
    out.topic = e.topic;
    out.partition = e.partition;
    out.offset = e.offset;
    out.kafkaTimestamp = e.kafkaTimestamp;
    out.eventTime = e.eventTime;
    out.eventType = e.eventType;
    out.key = e.key;
    out.value = e.value;
    String[][] added = {
      {JOB, job},
      {OPERATOR, operator},
      {EVENT_TIME, Long.toString(eventTime)},
      {WATERMARK, Long.toString(watermark)},
      {SOURCE_TOPIC, e.topic == null ? "" : e.topic},
      {SOURCE_PARTITION, Integer.toString(e.partition)},
      {SOURCE_OFFSET, Long.toString(e.offset)}
    };
    int n = e.headerKeys.length;
    out.headerKeys = Arrays.copyOf(e.headerKeys, n + added.length);
    out.headerValues = Arrays.copyOf(e.headerValues, n + added.length);
    for (int i = 0; i < added.length; i++) {
      out.headerKeys[n + i] = added[i][0];
      out.headerValues[n + i] = added[i][1].getBytes(StandardCharsets.UTF_8);
    }
    return out;
  }

  /**
   * A late decoded event as a raw record: re-encoded with the current schema (the original bytes
   * are no longer at hand after decoding), origin partition and offset -1.
   */
  public static RawEvent reencoded(
      SpecificRecord event,
      String sourceTopic,
      String job,
      String operator,
      long eventTime,
      long watermark) {
    RawEvent raw = RawEvents.of(event, sourceTopic, -1, -1);
    return mark(raw, job, operator, eventTime, watermark);
  }
}
