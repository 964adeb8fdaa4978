package io.playstream.router;

import io.playstream.events.EventHeader;
import io.playstream.router.filter.EventView;
import io.playstream.schemas.DeadLetterHeaders;
import io.playstream.schemas.EventCodec;
import io.playstream.schemas.EventDecodingException;
import io.playstream.schemas.EventType;
import io.playstream.schemas.Events;
import io.playstream.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Routes one fronting-topic record: decode once, then for every applied route that reads this topic
 * and takes this event type — sample, filter, project, re-encode and forward to the route's
 * destination with the same key and the original headers. Nothing is dropped silently: a record
 * that cannot be decoded or is too large, and a route whose filter or output fails on it, produce a
 * dead letter with the original bytes and the reason (see {@link DeadLetterHeaders}).
 */
final class RouterProcessor extends ContextualProcessor<byte[], byte[], byte[], Routed> {
  private final RouterConfig config;
  private final RouterMetrics metrics;
  private final RouteRegistry registry;
  private final EventCodec codec = EventCodec.standard();

  RouterProcessor(RouterConfig config, RouterMetrics metrics, RouteRegistry registry) {
    this.config = config;
    this.metrics = metrics;
    this.registry = registry;
  }

  @Override
  public void init(ProcessorContext<byte[], Routed> context) {
    super.init(context);
    ReadOnlyKeyValueStore<String, String> store =
        context.getStateStore(RouterTopology.ROUTES_STORE);
    registry.loadOnce(store);
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    RecordMetadata md = context().recordMetadata().orElse(null);
    String topic = md == null ? "unknown" : md.topic();
    metrics.recordIn(topic);
    int size = length(record.key()) + length(record.value());
    if (size > config.maxRecordBytes()) {
      deadLetter(
          record,
          md,
          DeadLetterHeaders.TOO_LARGE,
          "record of " + size + " bytes exceeds the limit of " + config.maxRecordBytes(),
          null);
      return;
    }
    SpecificRecord event;
    try {
      event = codec.decode(record.value());
    } catch (EventDecodingException e) {
      deadLetter(record, md, e.reason(), e.getMessage(), null);
      return;
    }
    EventType type = EventType.of(event);
    EventView view = EventView.of(event, type);
    String only = DeadLetterHeaders.text(record.headers(), DeadLetterHeaders.REPLAY_ROUTE);
    String eventId = null;
    byte[] plain = null;
    boolean matched = false;
    for (CompiledRoute route : registry.snapshot().routesFor(topic)) {
      if (!route.eventTypes().contains(type) || (only != null && !only.equals(route.name()))) {
        continue;
      }
      matched = true;
      RouterMetrics.RouteCounters counters = metrics.route(route.name());
      counters.in.increment();
      double rate = route.route().sampleRate();
      if (rate < 1.0) {
        if (eventId == null) {
          eventId = Events.eventId(event);
        }
        if (!Sampler.keep(eventId, rate)) {
          counters.sampledOut.increment();
          continue;
        }
      }
      if (route.filter() != null) {
        boolean pass;
        try {
          pass = route.filter().test(view);
        } catch (RuntimeException e) {
          deadLetter(
              record,
              md,
              DeadLetterHeaders.FILTER_ERROR,
              "filter '" + route.route().filter() + "' failed: " + e.getMessage(),
              route.name());
          continue;
        }
        if (!pass) {
          counters.filtered.increment();
          continue;
        }
      }
      byte[] out;
      try {
        if (route.projector() != null && route.projector().changes(type)) {
          out = codec.encode(route.projector().apply(event, type));
        } else {
          if (plain == null) {
            plain = codec.encode(event);
          }
          out = plain;
        }
      } catch (RuntimeException e) {
        deadLetter(
            record,
            md,
            DeadLetterHeaders.INVALID_ROUTE_OUTPUT,
            "projection or encoding failed: " + e,
            route.name());
        continue;
      }
      if (out.length + length(record.key()) > config.maxRecordBytes()) {
        deadLetter(
            record,
            md,
            DeadLetterHeaders.TOO_LARGE,
            "output of " + out.length + " bytes exceeds the limit of " + config.maxRecordBytes(),
            route.name());
        continue;
      }
      context()
          .forward(
              record
                  .withValue(new Routed(route.destination(), out))
                  .withHeaders(DeadLetterHeaders.forOutput(record.headers())));
      counters.out.increment();
      EventHeader header = Events.header(event);
      Instant eventTime = header.getEventTime();
      if (eventTime != null) {
        long lagMs = config.clock().millis() - eventTime.toEpochMilli();
        counters.lag.record(Duration.ofMillis(Math.max(0, lagMs)));
      }
    }
    if (matched) {
      metrics.matched(topic);
    } else {
      metrics.unmatched(topic);
    }
  }

  private void deadLetter(
      Record<byte[], byte[]> record,
      RecordMetadata md,
      String reason,
      String detail,
      String route) {
    Headers headers =
        DeadLetterHeaders.of(
            record.headers(),
            reason,
            detail,
            md == null ? "unknown" : md.topic(),
            md == null ? -1 : md.partition(),
            md == null ? -1 : md.offset(),
            route,
            config.clock().instant(),
            config.instanceId());
    context()
        .forward(
            record.withValue(new Routed(Topics.DLQ.name(), record.value())).withHeaders(headers));
    metrics.deadLetter(reason, route);
  }

  private static int length(byte[] bytes) {
    return bytes == null ? 0 : bytes.length;
  }
}
