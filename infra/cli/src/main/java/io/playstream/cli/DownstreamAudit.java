package io.playstream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playstream.infra.flink.FlinkRestClient;
import io.playstream.infra.flink.FlinkRestException;
import io.playstream.schemas.TopicSpec;
import io.playstream.schemas.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What reached the platform's outputs: the Flink jobs and their state, committed records on the job
 * output topics (metrics, alerts, sessions, late events) and the dead-letter topic, and documents
 * per Elasticsearch index.
 */
final class DownstreamAudit {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One job on the cluster. */
  record Job(String name, String state, long checkpoints) {}

  /** The audit. */
  record Result(
      List<Job> jobs,
      Map<String, Long> topics,
      Map<String, Long> elasticsearch,
      Map<String, Long> cassandra,
      Map<String, Long> iceberg,
      List<String> notes) {}

  private DownstreamAudit() {}

  static Result collect(Platform platform) {
    List<String> notes = new ArrayList<>();
    return new Result(
        jobs(platform.flinkRestUrl(), notes),
        topics(platform.bootstrapServers(), notes),
        elasticsearch(platform.elasticsearchUrl(), notes),
        cassandra(platform, notes),
        iceberg(platform, notes),
        notes);
  }

  static List<Job> jobs(URI restUrl, List<String> notes) {
    List<Job> out = new ArrayList<>();
    try {
      FlinkRestClient rest = new FlinkRestClient(restUrl, Duration.ofSeconds(10));
      for (FlinkRestClient.JobSummary j : rest.jobs()) {
        if (j.isTerminal()) {
          continue;
        }
        long checkpoints = -1;
        try {
          checkpoints = rest.job(j.id()).checkpoints().completed();
        } catch (FlinkRestException e) {
          // leave -1: details are best effort
        }
        out.add(new Job(j.name(), j.state(), checkpoints));
      }
    } catch (FlinkRestException e) {
      notes.add("Flink cluster at " + restUrl + " not answering: " + e.getMessage());
    }
    return out;
  }

  /** The job output topics of the catalog plus the dead-letter topic. */
  static List<String> outputTopics() {
    List<String> names = new ArrayList<>();
    for (TopicSpec t : Topics.all()) {
      String n = t.name();
      if (n.startsWith("playstream.metrics.")
          || n.equals("playstream.alerts")
          || n.equals("playstream.sessions")
          || n.equals("playstream.recs")
          || n.equals(Topics.DLQ.name())) {
        names.add(n);
      }
    }
    return names;
  }

  /** Committed records per topic, read from the beginning to the last stable offset. */
  static Map<String, Long> topics(String bootstrapServers, List<String> notes) {
    Map<String, Long> counts = new TreeMap<>();
    Map<String, Object> cc = new HashMap<>();
    cc.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    cc.put(ConsumerConfig.GROUP_ID_CONFIG, "playstream-demo-audit-" + UUID.randomUUID());
    cc.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    cc.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    cc.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(cc, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      for (String topic : outputTopics()) {
        List<TopicPartition> parts = new ArrayList<>();
        try {
          c.partitionsFor(topic, Duration.ofSeconds(10))
              .forEach(p -> parts.add(new TopicPartition(topic, p.partition())));
        } catch (RuntimeException e) {
          notes.add("topic " + topic + ": " + e.getMessage());
          continue;
        }
        c.assign(parts);
        c.seekToBeginning(parts);
        Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(10));
        long n = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && !reached(c, end)) {
          n += c.poll(Duration.ofMillis(200)).count();
        }
        counts.put(topic, n);
      }
    }
    return counts;
  }

  private static boolean reached(KafkaConsumer<?, ?> c, Map<TopicPartition, Long> end) {
    for (var e : end.entrySet()) {
      if (c.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  /** Documents per index (after a refresh), hidden indices left out. */
  static Map<String, Long> elasticsearch(URI url, List<String> notes) {
    Map<String, Long> out = new TreeMap<>();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    try {
      http.send(
          HttpRequest.newBuilder(url.resolve("/_refresh"))
              .timeout(Duration.ofSeconds(20))
              .POST(HttpRequest.BodyPublishers.noBody())
              .build(),
          HttpResponse.BodyHandlers.discarding());
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(url.resolve("/_cat/indices?format=json&h=index,docs.count"))
                  .timeout(Duration.ofSeconds(20))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        notes.add("Elasticsearch answered " + r.statusCode() + ": " + r.body());
        return out;
      }
      for (JsonNode n : JSON.readTree(r.body())) {
        String index = n.path("index").asText();
        if (!index.startsWith(".")) {
          out.put(index, n.path("docs.count").asLong());
        }
      }
    } catch (IOException e) {
      notes.add("Elasticsearch at " + url + " not answering: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return out;
  }

  /** Rows per table of the platform keyspace (the sink-cassandra tool's TableCountsMain). */
  static Map<String, Long> cassandra(Platform platform, List<String> notes) {
    Map<String, Long> out = new TreeMap<>();
    var config = platform.config();
    try {
      String json =
          ToolProcess.capture(
              "sink-cassandra",
              "io.playstream.sinks.cassandra.schema.TableCountsMain",
              List.of(
                  "--contact-points",
                  platform.cassandraContactPoints(),
                  "--local-datacenter",
                  config.get(io.playstream.infra.PlatformOptions.CASSANDRA_LOCAL_DATACENTER),
                  "--keyspace",
                  config.get(io.playstream.infra.PlatformOptions.CASSANDRA_KEYSPACE)),
              "256m",
              Duration.ofSeconds(120));
      JSON.readTree(json.strip())
          .fields()
          .forEachRemaining(e -> out.put(e.getKey(), e.getValue().asLong()));
    } catch (IOException | RuntimeException e) {
      notes.add("Cassandra row counts unavailable: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return out;
  }

  /** Rows per Iceberg table (from snapshot summaries, the spark-sql tool's {@code tables list}). */
  static Map<String, Long> iceberg(Platform platform, List<String> notes) {
    Map<String, Long> out = new TreeMap<>();
    var catalog = io.playstream.infra.IcebergCatalogSettings.from(platform.config());
    try {
      String lines =
          ToolProcess.capture(
              "spark-sql",
              io.playstream.spark.SparkTool.TABLES_MAIN,
              TablesCommand.tablesArgs(catalog, List.of("list", "--format", "json")),
              "512m",
              Duration.ofSeconds(120));
      for (String line : lines.split("\\R")) {
        if (line.isBlank() || !line.strip().startsWith("{")) {
          continue;
        }
        JsonNode n = JSON.readTree(line);
        out.put(n.path("table").asText(), n.path("rows").asLong());
      }
    } catch (IOException | RuntimeException e) {
      notes.add("Iceberg row counts unavailable: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return out;
  }

  /** The audit as JSON-ready maps. */
  static Map<String, Object> toMap(Result r) {
    Map<String, Object> m = new LinkedHashMap<>();
    List<Map<String, Object>> jobs = new ArrayList<>();
    for (Job j : r.jobs()) {
      Map<String, Object> jm = new LinkedHashMap<>();
      jm.put("name", j.name());
      jm.put("state", j.state());
      jm.put("completed_checkpoints", j.checkpoints());
      jobs.add(jm);
    }
    m.put("jobs", jobs);
    m.put("topics", r.topics());
    m.put("elasticsearch_documents", r.elasticsearch());
    m.put("cassandra_rows", r.cassandra());
    m.put("iceberg_rows", r.iceberg());
    m.put("notes", r.notes());
    return m;
  }
}
