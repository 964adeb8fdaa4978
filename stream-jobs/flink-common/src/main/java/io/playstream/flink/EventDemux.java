package io.playstream.flink;

import io.playstream.schemas.DeadLetterHeaders;
import io.playstream.schemas.EventCodec;
import io.playstream.schemas.EventDecodingException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Decodes raw records into typed event streams, one per requested event class, and turns what
 * cannot be decoded into dead letters (the main output). Events of types the job did not ask for
 * are counted ({@code skipped}) and dropped: a route may carry more types than one job needs.
 *
 * <p>Timestamps (event time) of the raw records carry over to the typed streams.
 */
public final class EventDemux extends ProcessFunction<RawEvent, DeadLetter> {
  private final String component;
  private final Map<Class<?>, OutputTag<SpecificRecord>> tags;

  private transient EventCodec codec;
  private transient Counter decoded;
  private transient Counter deadLettered;
  private transient Counter skipped;

  private EventDemux(String component, Map<Class<?>, OutputTag<SpecificRecord>> tags) {
    this.component = component;
    this.tags = tags;
  }

  /**
   * Splits a raw stream.
   *
   * @param name operator name and uid suffix, also the dead letters' component
   * @param types the event classes the job wants
   */
  @SafeVarargs
  public static Demuxed split(
      DataStream<RawEvent> raw, String name, Class<? extends SpecificRecord>... types) {
    Map<Class<?>, OutputTag<SpecificRecord>> tags = new LinkedHashMap<>();
    for (Class<? extends SpecificRecord> t : types) {
      tags.put(t, tag(t));
    }
    SingleOutputStreamOperator<DeadLetter> op =
        raw.process(new EventDemux(name, tags), TypeInformation.of(DeadLetter.class))
            .name("decode " + name)
            .uid("decode-" + name);
    return new Demuxed(op, tags);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static OutputTag<SpecificRecord> tag(Class<? extends SpecificRecord> type) {
    return new OutputTag<>(
        "event-" + type.getSimpleName(), (TypeInformation) TypeInformation.of(type));
  }

  @Override
  public void open(OpenContext ctx) {
    codec = EventCodec.standard();
    var group = getRuntimeContext().getMetricGroup();
    decoded = group.counter("eventsDecoded");
    deadLettered = group.counter("eventsDeadLettered");
    skipped = group.counter("eventsSkipped");
  }

  @Override
  public void processElement(RawEvent e, Context ctx, Collector<DeadLetter> out) {
    SpecificRecord event;
    try {
      event = codec.decode(e.value);
    } catch (EventDecodingException ex) {
      deadLettered.inc();
      out.collect(DeadLetter.of(e, ex.reason(), ex.getMessage(), component));
      return;
    } catch (RuntimeException ex) {
      deadLettered.inc();
      out.collect(DeadLetter.of(e, DeadLetterHeaders.PROCESSING_ERROR, ex.toString(), component));
      return;
    }
    OutputTag<SpecificRecord> tag = tags.get(event.getClass());
    if (tag == null) {
      skipped.inc();
      return;
    }
    decoded.inc();
    ctx.output(tag, event);
  }

  /** The event classes a split asked for. */
  List<Class<?>> types() {
    return List.copyOf(tags.keySet());
  }
}
