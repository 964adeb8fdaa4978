package io.playstream.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.playstream.schemas.EventType;
import io.playstream.sinks.elasticsearch.IndexTemplates;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Grafana and Kibana definitions shipped in {@code provisioning/} read what the Elasticsearch
 * sink's index templates define: every index, alias or pattern they name is covered by a template,
 * the time field and every field they aggregate are in that template's mapping, and the numbers
 * they sum or average are mapped as numbers.
 */
class ProvisioningTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern METRIC_QUERY = Pattern.compile("metric\\s*:\\s*\"?([a-z-]+)\"?");

  /** The metric names MetricDocuments (metrics-jobs) writes into the metric field. */
  private static final Set<String> DOCUMENT_METRICS =
      Set.of("sps", "playback-quality", "cdn", "steering", "cdn-health", "session");

  /** One template: its index patterns, aliases and field types. */
  record Template(
      String name, List<String> patterns, Set<String> aliases, Map<String, String> fields) {
    boolean covers(String index) {
      if (aliases.contains(index)) {
        return true;
      }
      for (String p : patterns) {
        if (p.equals(index)) {
          return true;
        }
        // a Kibana/Grafana wildcard pattern must ask for no more than the template covers
        if (p.endsWith("*") && index.startsWith(p.substring(0, p.length() - 1))) {
          return true;
        }
      }
      return false;
    }
  }

  private static final List<Template> TEMPLATES = new ArrayList<>();

  @BeforeAll
  static void readTemplates() throws IOException {
    for (IndexTemplates.Template t : IndexTemplates.ALL) {
      JsonNode body = JSON.readTree(t.json());
      List<String> patterns = new ArrayList<>();
      body.path("index_patterns").forEach(p -> patterns.add(p.asText()));
      Set<String> aliases = new HashSet<>();
      body.path("template").path("aliases").fieldNames().forEachRemaining(aliases::add);
      Map<String, String> fields = new HashMap<>();
      Iterator<Map.Entry<String, JsonNode>> it =
          body.path("template").path("mappings").path("properties").fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        fields.put(e.getKey(), e.getValue().path("type").asText());
      }
      // what the dynamic templates make of the other fields the jobs write (MetricDocuments: every
      // field of the output record), by the JSON type of their values
      Map<String, String> dynamic = new HashMap<>();
      for (JsonNode d : body.path("template").path("mappings").path("dynamic_templates")) {
        JsonNode rule = d.elements().next();
        dynamic.put(
            rule.path("match_mapping_type").asText(), rule.path("mapping").path("type").asText());
      }
      for (EventType type : EventType.jobOutputTypes()) {
        for (Schema.Field f : type.schema().getFields()) {
          String jsonType = jsonType(f.schema());
          if (jsonType != null && dynamic.containsKey(jsonType)) {
            fields.putIfAbsent(f.name(), dynamic.get(jsonType));
          }
        }
      }
      TEMPLATES.add(new Template(t.name(), patterns, aliases, fields));
    }
    assertThat(TEMPLATES)
        .extracting(Template::name)
        .contains("playstream-metrics", "playstream-alerts");
  }

  /** The dynamic-mapping type of an Avro field's JSON value: string or long, else null. */
  private static String jsonType(Schema s) {
    if (s.getType() == Schema.Type.UNION) {
      for (Schema branch : s.getTypes()) {
        if (branch.getType() != Schema.Type.NULL) {
          return jsonType(branch);
        }
      }
    }
    if (s.getLogicalType() != null) {
      return null; // timestamps become dates by date detection, not by these templates
    }
    return switch (s.getType()) {
      case STRING, ENUM -> "string";
      case INT, LONG -> "long";
      default -> null;
    };
  }

  private static Template templateFor(String index) {
    return TEMPLATES.stream()
        .filter(t -> t.covers(index))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    index
                        + " is not an index, alias or pattern of the sink's templates "
                        + TEMPLATES));
  }

  private static JsonNode resource(ObjectMapper mapper, String name) throws IOException {
    try (InputStream in = ProvisioningTest.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return mapper.readTree(in);
    }
  }

  private static void assertField(Template t, String field, boolean numeric, String where) {
    assertThat(t.fields())
        .as(where + ": field " + field + " in template " + t.name())
        .containsKey(field);
    if (numeric) {
      assertThat(t.fields().get(field))
          .as(where + ": " + field + " must be numeric")
          .isIn("long", "integer", "double", "float", "scaled_float");
    }
  }

  private static void assertMetricQuery(String query, String where) {
    Matcher m = METRIC_QUERY.matcher(query);
    while (m.find()) {
      assertThat(DOCUMENT_METRICS).as(where + ": metric " + m.group(1)).contains(m.group(1));
    }
  }

  @Test
  void grafanaDataSourcesReadTemplateAliasesByADateField() throws IOException {
    JsonNode ds = resource(YAML, "provisioning/grafana/datasources/playstream-elasticsearch.yaml");
    assertThat(ds.path("datasources")).hasSize(2);
    for (JsonNode d : ds.path("datasources")) {
      assertThat(d.path("type").asText()).isEqualTo("elasticsearch");
      Template t = templateFor(d.path("jsonData").path("index").asText());
      String timeField = d.path("jsonData").path("timeField").asText();
      assertThat(t.fields().get(timeField)).as(d.path("name").asText()).isEqualTo("date");
    }
  }

  @Test
  void grafanaDashboardPanelsAggregateMappedFields() throws IOException {
    JsonNode ds = resource(YAML, "provisioning/grafana/datasources/playstream-elasticsearch.yaml");
    Map<String, Template> byUid = new HashMap<>();
    for (JsonNode d : ds.path("datasources")) {
      byUid.put(d.path("uid").asText(), templateFor(d.path("jsonData").path("index").asText()));
    }
    JsonNode dash = resource(JSON, "provisioning/grafana/dashboards/playstream-operations.json");
    assertThat(dash.path("uid").asText()).isEqualTo("playstream-operations");
    assertThat(dash.path("panels").size()).isGreaterThanOrEqualTo(8);
    JsonNode provider = resource(YAML, "provisioning/grafana/dashboards/playstream.yaml");
    assertThat(provider.path("providers").get(0).path("type").asText()).isEqualTo("file");
    int targets = 0;
    for (JsonNode panel : dash.path("panels")) {
      String title = panel.path("title").asText();
      Template t = byUid.get(panel.path("datasource").path("uid").asText());
      assertThat(t).as(title + ": data source").isNotNull();
      for (JsonNode target : panel.path("targets")) {
        targets++;
        assertThat(byUid.get(target.path("datasource").path("uid").asText())).isSameAs(t);
        assertMetricQuery(target.path("query").asText(), title);
        for (JsonNode m : target.path("metrics")) {
          String type = m.path("type").asText();
          if (m.has("field")) {
            assertField(t, m.path("field").asText(), !type.equals("cardinality"), title);
          } else {
            assertThat(type).as(title).isIn("count", "raw_data");
          }
        }
        for (JsonNode b : target.path("bucketAggs")) {
          String field = b.path("field").asText();
          assertField(t, field, false, title);
          if (b.path("type").asText().equals("date_histogram")) {
            assertThat(t.fields().get(field)).isEqualTo("date");
          } else {
            assertThat(t.fields().get(field))
                .as(title + ": terms on a keyword")
                .isEqualTo("keyword");
          }
        }
      }
    }
    assertThat(targets).isGreaterThanOrEqualTo(9);
    for (JsonNode a : dash.path("annotations").path("list")) {
      Template t = byUid.get(a.path("datasource").path("uid").asText());
      assertThat(t.fields().get(a.path("timeField").asText())).isEqualTo("date");
    }
  }

  @Test
  void kibanaSavedObjectsUseTemplatePatternsAndMappedFieldsAndResolveTheirReferences()
      throws IOException {
    List<JsonNode> objects = new ArrayList<>();
    try (InputStream in =
        getClass()
            .getClassLoader()
            .getResourceAsStream("provisioning/kibana/playstream-dashboards.ndjson")) {
      assertThat(in).isNotNull();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          objects.add(JSON.readTree(line));
        }
      }
    }
    Map<String, JsonNode> byId = new HashMap<>();
    objects.forEach(o -> byId.put(o.path("type").asText() + ":" + o.path("id").asText(), o));
    Map<String, Template> dataViews = new HashMap<>();
    for (JsonNode o : objects) {
      if (o.path("type").asText().equals("index-pattern")) {
        JsonNode a = o.path("attributes");
        Template t = templateFor(a.path("title").asText());
        assertThat(t.fields().get(a.path("timeFieldName").asText())).isEqualTo("date");
        dataViews.put(o.path("id").asText(), t);
      }
    }
    assertThat(dataViews).containsKeys("playstream-metrics", "playstream-alerts");
    int visualizations = 0;
    for (JsonNode o : objects) {
      String title = o.path("attributes").path("title").asText();
      for (JsonNode ref : o.path("references")) {
        assertThat(byId)
            .as(title + " refers to " + ref)
            .containsKey(ref.path("type").asText() + ":" + ref.path("id").asText());
      }
      if (o.path("type").asText().equals("visualization")) {
        visualizations++;
        Template t = dataViews.get(o.path("references").get(0).path("id").asText());
        JsonNode search =
            JSON.readTree(
                o.path("attributes")
                    .path("kibanaSavedObjectMeta")
                    .path("searchSourceJSON")
                    .asText());
        assertMetricQuery(search.path("query").path("query").asText(), title);
        JsonNode vis = JSON.readTree(o.path("attributes").path("visState").asText());
        for (JsonNode agg : vis.path("aggs")) {
          String type = agg.path("type").asText();
          JsonNode field = agg.path("params").path("field");
          if (field.isMissingNode()) {
            assertThat(type).as(title).isEqualTo("count");
            continue;
          }
          assertField(t, field.asText(), Set.of("sum", "avg", "max", "min").contains(type), title);
          if (type.equals("date_histogram")) {
            assertThat(t.fields().get(field.asText())).isEqualTo("date");
          }
          if (type.equals("terms")) {
            assertThat(t.fields().get(field.asText())).isEqualTo("keyword");
          }
        }
      }
      if (o.path("type").asText().equals("search")) {
        Template t = dataViews.get(o.path("references").get(0).path("id").asText());
        for (JsonNode column : o.path("attributes").path("columns")) {
          assertField(t, column.asText(), false, title);
        }
      }
      if (o.path("type").asText().equals("dashboard")) {
        JsonNode panels = JSON.readTree(o.path("attributes").path("panelsJSON").asText());
        Set<String> refNames = new HashSet<>();
        o.path("references").forEach(r -> refNames.add(r.path("name").asText()));
        for (JsonNode p : panels) {
          assertThat(refNames).contains(p.path("panelRefName").asText());
        }
        assertThat(panels.size()).isEqualTo(o.path("references").size());
      }
    }
    assertThat(visualizations).isGreaterThanOrEqualTo(6);
  }
}
