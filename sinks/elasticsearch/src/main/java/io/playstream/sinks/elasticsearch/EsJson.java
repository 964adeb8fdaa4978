package io.playstream.sinks.elasticsearch;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;

/**
 * JSON documents for Elasticsearch: a map of fields to UTF-8 JSON bytes. {@link Instant}s become
 * ISO-8601 text ({@code 2026-01-01T00:00:00Z}, which the templates' {@code date} fields take),
 * {@link CharSequence}s (Avro's {@code Utf8} included) text, enums their name, nested maps and
 * lists JSON objects and arrays.
 */
public final class EsJson {
  private static final ObjectMapper MAPPER = newMapper();

  private EsJson() {}

  /** The fields as a JSON object, UTF-8. */
  public static byte[] toJson(Map<String, ?> fields) {
    try {
      return MAPPER.writeValueAsBytes(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write fields as JSON: " + e.getMessage(), e);
    }
  }

  /** Reads a JSON object (for tests and tools). */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> toMap(byte[] json) {
    try {
      return MAPPER.readValue(json, Map.class);
    } catch (IOException e) {
      throw new UncheckedIOException("not a JSON object", e);
    }
  }

  /** The shared mapper (thread-safe once configured). */
  static ObjectMapper mapper() {
    return MAPPER;
  }

  private static ObjectMapper newMapper() {
    SimpleModule m = new SimpleModule("playstream-es");
    m.addSerializer(
        Instant.class,
        new JsonSerializer<>() {
          @Override
          public void serialize(Instant value, JsonGenerator gen, SerializerProvider p)
              throws IOException {
            gen.writeString(value.toString());
          }
        });
    m.addSerializer(
        CharSequence.class,
        new JsonSerializer<>() {
          @Override
          public void serialize(CharSequence value, JsonGenerator gen, SerializerProvider p)
              throws IOException {
            gen.writeString(value.toString());
          }
        });
    return new ObjectMapper().registerModule(m);
  }
}
