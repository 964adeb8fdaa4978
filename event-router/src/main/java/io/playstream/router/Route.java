package io.playstream.router;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.playstream.schemas.Topics;
import java.util.List;

/**
 * One route: which events of which fronting topics go where, filtered, sampled and projected. Read
 * from YAML (see {@link RouteYaml}) and checked by {@link RouteValidator}; the README has the
 * reference.
 *
 * @param name route name: lower-case letters, digits, '-' and '_' (see {@link Topics#route})
 * @param description one line for operators
 * @param sources fronting topic names the route reads (see {@link Topics#fronting()})
 * @param eventTypes event type simple names (e.g. {@code PlaybackStarted}); empty = every type the
 *     sources carry
 * @param filter optional CEL expression over the event's fields; events for which it is false are
 *     not routed
 * @param projection optional field changes; {@link Projection#NONE} when absent
 * @param sampleRate fraction of events kept, 0 to 1 (default 1), chosen by a hash of the event id
 * @param destination destination topic, or null for {@code playstream.route.<name>}
 * @param enabled false keeps the route defined but not applied
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "name",
  "description",
  "enabled",
  "sources",
  "event_types",
  "filter",
  "projection",
  "sample_rate",
  "destination"
})
public record Route(
    @JsonProperty("name") String name,
    @JsonProperty("description") String description,
    @JsonProperty("sources") List<String> sources,
    @JsonProperty("event_types") List<String> eventTypes,
    @JsonProperty("filter") String filter,
    @JsonProperty("projection")
        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = EmptyProjection.class)
        Projection projection,
    @JsonProperty("sample_rate") double sampleRate,
    @JsonProperty("destination") String destination,
    @JsonProperty("enabled") boolean enabled) {

  public Route {
    sources = sources == null ? List.of() : List.copyOf(sources);
    eventTypes = eventTypes == null ? List.of() : List.copyOf(eventTypes);
    projection = projection == null ? Projection.NONE : projection;
    if (filter != null && filter.isBlank()) {
      filter = null;
    }
  }

  /** Jackson's entry point: absent sample_rate is 1, absent enabled is true. */
  @JsonCreator
  static Route fromJson(
      @JsonProperty("name") String name,
      @JsonProperty("description") String description,
      @JsonProperty("sources") List<String> sources,
      @JsonProperty("event_types") List<String> eventTypes,
      @JsonProperty("filter") String filter,
      @JsonProperty("projection") Projection projection,
      @JsonProperty("sample_rate") Double sampleRate,
      @JsonProperty("destination") String destination,
      @JsonProperty("enabled") Boolean enabled) {
    return new Route(
        name,
        description,
        sources,
        eventTypes,
        filter,
        projection,
        sampleRate == null ? 1.0 : sampleRate,
        destination,
        enabled == null || enabled);
  }

  /** A route with just a name, sources and event types (defaults elsewhere); for code and tests. */
  public static Route of(String name, List<String> sources, List<String> eventTypes) {
    return new Route(name, null, sources, eventTypes, null, null, 1.0, null, true);
  }

  public Route withFilter(String expression) {
    return new Route(
        name,
        description,
        sources,
        eventTypes,
        expression,
        projection,
        sampleRate,
        destination,
        enabled);
  }

  public Route withProjection(Projection p) {
    return new Route(
        name, description, sources, eventTypes, filter, p, sampleRate, destination, enabled);
  }

  public Route withSampleRate(double rate) {
    return new Route(
        name, description, sources, eventTypes, filter, projection, rate, destination, enabled);
  }

  public Route withDestination(String topic) {
    return new Route(
        name, description, sources, eventTypes, filter, projection, sampleRate, topic, enabled);
  }

  public Route withEnabled(boolean on) {
    return new Route(
        name, description, sources, eventTypes, filter, projection, sampleRate, destination, on);
  }

  public Route withDescription(String text) {
    return new Route(
        name, text, sources, eventTypes, filter, projection, sampleRate, destination, enabled);
  }

  /** Jackson value filter that leaves an empty projection out of the YAML. */
  static final class EmptyProjection {
    @Override
    public boolean equals(Object other) {
      return other == null || (other instanceof Projection p && p.isEmpty());
    }

    @Override
    public int hashCode() {
      return 0;
    }
  }

  /** The topic this route writes to: {@link #destination()} or {@code playstream.route.<name>}. */
  @JsonIgnore
  public String destinationTopic() {
    return destination != null && !destination.isBlank() ? destination : Topics.route(name).name();
  }
}
