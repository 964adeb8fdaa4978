package io.playstream.services.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A parsed JSON request body with typed, validating accessors. Every accessor that cannot give a
 * value throws a 400 {@link ApiException} naming the field, so handlers never answer 500 for bad
 * input and never repeat validation messages.
 */
public final class JsonBody {
  private static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{2}");

  private final JsonNode root;

  private JsonBody(JsonNode root) {
    this.root = root;
  }

  /**
   * Parses a request body that must be a JSON object.
   *
   * @throws ApiException 400 when the body is empty, not JSON, or not an object
   */
  public static JsonBody parse(String body) {
    if (body == null || body.isBlank()) {
      throw ApiException.badRequest("request body is empty: expected a JSON object", null);
    }
    JsonNode node;
    try {
      node = Json.mapper().readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest(
          "malformed JSON body: " + e.getOriginalMessage().replaceAll("\\s+", " "), null);
    }
    if (node == null || !node.isObject()) {
      throw ApiException.badRequest("request body must be a JSON object", null);
    }
    return new JsonBody(node);
  }

  /** True when the field is present and not null. */
  public boolean has(String field) {
    JsonNode n = root.get(field);
    return n != null && !n.isNull();
  }

  /** A non-blank string. */
  public String requiredString(String field) {
    JsonNode n = required(field);
    if (!n.isTextual()) {
      throw invalid(field, "must be a string");
    }
    String s = n.textValue().trim();
    if (s.isEmpty()) {
      throw invalid(field, "must not be blank");
    }
    return s;
  }

  /** A non-blank string when present; absent, null or blank gives empty. */
  public Optional<String> optionalString(String field) {
    if (!has(field)) {
      return Optional.empty();
    }
    JsonNode n = root.get(field);
    if (!n.isTextual()) {
      throw invalid(field, "must be a string");
    }
    String s = n.textValue().trim();
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }

  /** An ISO 3166-1 alpha-2 country code, returned upper-case. */
  public String requiredCountry(String field) {
    String s = requiredString(field);
    if (!COUNTRY.matcher(s).matches()) {
      throw invalid(field, "must be a two-letter ISO country code, got '" + s + "'");
    }
    return s.toUpperCase(Locale.ROOT);
  }

  /** An integer in {@code [min, max]}. */
  public int requiredInt(String field, int min, int max) {
    return (int) requiredLong(field, min, max);
  }

  /** A whole number in {@code [min, max]}. */
  public long requiredLong(String field, long min, long max) {
    return checkedLong(field, required(field), min, max);
  }

  /** An integer in {@code [min, max]} when present. */
  public Optional<Integer> optionalInt(String field, int min, int max) {
    if (!has(field)) {
      return Optional.empty();
    }
    return Optional.of((int) checkedLong(field, root.get(field), min, max));
  }

  /** A number in {@code [min, max]}. */
  public double requiredDouble(String field, double min, double max) {
    JsonNode n = required(field);
    if (!n.isNumber()) {
      throw invalid(field, "must be a number");
    }
    double v = n.doubleValue();
    if (!(v >= min && v <= max)) {
      throw invalid(field, "must be between " + min + " and " + max + ", got " + v);
    }
    return v;
  }

  /** A JSON boolean. */
  public boolean requiredBoolean(String field) {
    JsonNode n = required(field);
    if (!n.isBoolean()) {
      throw invalid(field, "must be true or false");
    }
    return n.booleanValue();
  }

  /** An array of non-blank strings. */
  public List<String> requiredStringList(String field, boolean allowEmpty) {
    JsonNode n = required(field);
    if (!n.isArray()) {
      throw invalid(field, "must be an array of strings");
    }
    List<String> out = new ArrayList<>(n.size());
    for (JsonNode item : n) {
      if (!item.isTextual() || item.textValue().isBlank()) {
        throw invalid(field, "must contain only non-blank strings");
      }
      out.add(item.textValue().trim());
    }
    if (!allowEmpty && out.isEmpty()) {
      throw invalid(field, "must not be empty");
    }
    return Collections.unmodifiableList(out);
  }

  /** One of an enum's constant names (case-insensitive). */
  public <E extends Enum<E>> E requiredEnum(String field, Class<E> type) {
    String s = requiredString(field);
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(s)) {
        return constant;
      }
    }
    List<String> names = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      names.add(constant.name());
    }
    throw invalid(field, "must be one of " + names + ", got '" + s + "'");
  }

  private JsonNode required(String field) {
    JsonNode n = root.get(field);
    if (n == null || n.isNull()) {
      throw ApiException.badRequest("missing required field '" + field + "'", field);
    }
    return n;
  }

  private static long checkedLong(String field, JsonNode n, long min, long max) {
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw invalid(field, "must be a whole number");
    }
    long v = n.longValue();
    if (v < min || v > max) {
      throw invalid(field, "must be between " + min + " and " + max + ", got " + v);
    }
    return v;
  }

  private static ApiException invalid(String field, String problem) {
    return ApiException.badRequest("field '" + field + "' " + problem, field);
  }
}
