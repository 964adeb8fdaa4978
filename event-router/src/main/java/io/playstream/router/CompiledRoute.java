package io.playstream.router;

import io.playstream.router.filter.CompiledFilter;
import io.playstream.schemas.EventType;
import java.util.Set;

/**
 * A validated route ready to apply: resolved event types and destination, the compiled filter (null
 * when the route has none) and the projector. Immutable and shared by all stream threads.
 *
 * @param route the definition
 * @param text the route text it was compiled from (the routes-topic value)
 * @param eventTypes the event types it applies to
 * @param filter compiled filter, or null
 * @param projector projector, or null when the route changes nothing
 * @param destination destination topic
 */
public record CompiledRoute(
    Route route,
    String text,
    Set<EventType> eventTypes,
    CompiledFilter filter,
    Projector projector,
    String destination) {

  public String name() {
    return route.name();
  }

  /** True when the route reads this topic and takes this event type. */
  public boolean accepts(String topic, EventType type) {
    return eventTypes.contains(type) && route.sources().contains(topic);
  }
}
