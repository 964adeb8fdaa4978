package io.playstream.sinks.elasticsearch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;

/**
 * The platform's composable index templates, shipped as JSON resources ({@code
 * io/playstream/sinks/elasticsearch/templates/<name>.json}) with explicit mappings, one shard, no
 * replica (one node) and the aliases dashboards read:
 *
 * <ul>
 *   <li>{@code playstream-metrics}: daily metric indices {@code playstream-metrics-*} (keyword
 *       dimensions, date {@code window_start} / {@code window_end}, numeric values; new string
 *       fields become keywords and new numbers doubles), alias {@code playstream-metrics};
 *   <li>{@code playstream-alerts}: daily alert indices {@code playstream-alerts-*}, alias {@code
 *       playstream-alerts};
 *   <li>{@code playstream-titles}: index {@code playstream-titles}, strict mapping, alias {@code
 *       playstream-titles-read}.
 * </ul>
 *
 * <p>{@link #apply} PUTs them (idempotent: the same body again changes nothing). Templates take
 * effect when an index is created, so apply them before the first write.
 */
public final class IndexTemplates {
  /** Prefix of the daily metric indices ({@code playstream-metrics-<metric>-yyyy.MM.dd}). */
  public static final String METRICS_PREFIX = "playstream-metrics";

  /** Alias over every metric index. */
  public static final String METRICS_ALIAS = "playstream-metrics";

  /** Prefix of the daily alert indices ({@code playstream-alerts-yyyy.MM.dd}). */
  public static final String ALERTS_PREFIX = "playstream-alerts";

  /** Alias over every alert index. */
  public static final String ALERTS_ALIAS = "playstream-alerts";

  /** The title index. */
  public static final String TITLES_INDEX = "playstream-titles";

  /** One template: its name (also the resource's base name) and the index patterns it covers. */
  public record Template(String name, List<String> patterns) {
    /** The resource holding the template body. */
    public String resource() {
      return "io/playstream/sinks/elasticsearch/templates/" + name + ".json";
    }

    /** The template body (JSON). */
    public String json() {
      try (InputStream in = IndexTemplates.class.getClassLoader().getResourceAsStream(resource())) {
        if (in == null) {
          throw new IllegalStateException("resource " + resource() + " is missing");
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + resource(), e);
      }
    }
  }

  public static final Template METRICS =
      new Template("playstream-metrics", List.of(METRICS_PREFIX + "-*"));
  public static final Template ALERTS =
      new Template("playstream-alerts", List.of(ALERTS_PREFIX + "-*"));
  public static final Template TITLES =
      new Template("playstream-titles", List.of(TITLES_INDEX, TITLES_INDEX + "-*"));

  /** Every template of the platform. */
  public static final List<Template> ALL = List.of(METRICS, ALERTS, TITLES);

  /** The daily index prefixes that retention applies to. */
  public static final List<String> DAILY_PREFIXES = List.of(METRICS_PREFIX, ALERTS_PREFIX);

  private IndexTemplates() {}

  /**
   * PUTs every template ({@code PUT /_index_template/<name>}).
   *
   * @return the names applied
   * @throws UncheckedIOException when Elasticsearch cannot be reached or refuses a template
   */
  public static List<String> apply(RestClient client) {
    List<String> names = new ArrayList<>();
    for (Template t : ALL) {
      apply(client, t);
      names.add(t.name());
    }
    return names;
  }

  /** PUTs one template. */
  public static void apply(RestClient client, Template template) {
    Request put = new Request("PUT", "/_index_template/" + template.name());
    put.setJsonEntity(template.json());
    try {
      client.performRequest(put);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot apply index template " + template.name(), e);
    }
  }
}
