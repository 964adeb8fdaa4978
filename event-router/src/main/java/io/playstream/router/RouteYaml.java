package io.playstream.router;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads and writes routes as YAML. A file holds one route (a mapping), a list of routes, a mapping
 * with a {@code routes:} list, or several YAML documents separated by {@code ---}, each of those.
 * Unknown keys are errors (a typo such as {@code sample-rate} must not be silently ignored).
 *
 * <p>Each route is stored on the routes topic as the single-route YAML {@link #toYaml} writes.
 */
public final class RouteYaml {
  private static final ObjectMapper MAPPER =
      new ObjectMapper(
              YAMLFactory.builder()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                  .build())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private RouteYaml() {}

  /** Reads a route file. */
  public static List<Route> read(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * Parses YAML text holding one or more routes.
   *
   * @param origin a name for messages (a file name)
   * @throws RouteValidationException for YAML syntax errors and fields that do not bind, each with
   *     its position or path
   */
  public static List<Route> parse(String yaml, String origin) {
    List<JsonNode> nodes = new ArrayList<>();
    try (JsonParser parser = MAPPER.createParser(yaml);
        MappingIterator<JsonNode> docs = MAPPER.readValues(parser, JsonNode.class)) {
      while (docs.hasNextValue()) {
        JsonNode doc = docs.nextValue();
        if (doc == null || doc.isNull() || doc.isMissingNode()) {
          continue;
        }
        if (doc.isArray()) {
          doc.forEach(nodes::add);
        } else if (doc.isObject() && doc.size() == 1 && doc.has("routes")) {
          JsonNode list = doc.get("routes");
          if (list.isArray()) {
            list.forEach(nodes::add);
          } else {
            nodes.add(list);
          }
        } else {
          nodes.add(doc);
        }
      }
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new RouteValidationException(
          List.of(
              new RouteProblem(
                  origin,
                  "yaml",
                  at == null ? 1 : Math.max(1, at.getLineNr()),
                  at == null ? 1 : Math.max(1, at.getColumnNr()),
                  e.getOriginalMessage())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      // MappingIterator wraps parse errors in RuntimeJsonMappingException
      if (e.getCause() instanceof JsonProcessingException jpe) {
        JsonLocation at = jpe.getLocation();
        throw new RouteValidationException(
            List.of(
                new RouteProblem(
                    origin,
                    "yaml",
                    at == null ? 1 : Math.max(1, at.getLineNr()),
                    at == null ? 1 : Math.max(1, at.getColumnNr()),
                    jpe.getOriginalMessage())));
      }
      throw e;
    }
    List<Route> routes = new ArrayList<>();
    List<RouteProblem> problems = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      JsonNode node = nodes.get(i);
      String label =
          node.hasNonNull("name") && node.get("name").isTextual()
              ? node.get("name").asText()
              : "#" + (i + 1);
      if (!node.isObject()) {
        problems.add(RouteProblem.of(label, "route", "expected a mapping with a route's fields"));
        continue;
      }
      try {
        routes.add(MAPPER.treeToValue(node, Route.class));
      } catch (JsonProcessingException e) {
        problems.add(RouteProblem.of(label, fieldOf(e), bindingMessage(e)));
      } catch (IllegalArgumentException e) {
        problems.add(RouteProblem.of(label, "route", e.getMessage()));
      }
    }
    if (!problems.isEmpty()) {
      throw new RouteValidationException(problems);
    }
    return routes;
  }

  /** One route as YAML (no document marker), the form stored on the routes topic. */
  public static String toYaml(Route route) {
    try {
      return MAPPER.writeValueAsString(route);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write route " + route.name(), e);
    }
  }

  /** Several routes as one YAML list. */
  public static String toYaml(List<Route> routes) {
    try {
      return MAPPER.writeValueAsString(routes);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write routes", e);
    }
  }

  private static String fieldOf(JsonProcessingException e) {
    if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      return m.getPath().stream()
          .map(
              r ->
                  r.getFieldName() != null
                      ? r.getFieldName()
                      : "[" + Math.max(0, r.getIndex()) + "]")
          .collect(Collectors.joining("."))
          .replace(".[", "[");
    }
    return "route";
  }

  private static String bindingMessage(JsonProcessingException e) {
    if (e instanceof UnrecognizedPropertyException u) {
      return "unknown field '"
          + u.getPropertyName()
          + "'; known fields: "
          + u.getKnownPropertyIds().stream().map(Object::toString).sorted().toList();
    }
    String msg = e.getOriginalMessage();
    int cut = msg.indexOf("\n");
    return cut > 0 ? msg.substring(0, cut) : msg;
  }
}
