package io.playstream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.playstream.infra.PlatformConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Flink jobs {@code playstream jobs} can submit: resource {@value #RESOURCE} (format documented
 * at its top), optionally extended or overridden, entry by entry, by a YAML file of the same
 * format.
 */
final class JobCatalog {
  /** The built-in catalog. */
  static final String RESOURCE = "io/playstream/cli/jobs.yaml";

  static final int DEFAULT_ORDER = 100;

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
  private static final Set<String> FIELDS =
      Set.of(
          "name",
          "description",
          "jar",
          "build",
          "entry-class",
          "job-name",
          "parallelism",
          "args",
          "up",
          "order");

  /**
   * One job.
   *
   * @param name catalog name
   * @param description one line
   * @param jar jar path as written (relative to the repository root, or absolute)
   * @param build command that builds the jar (may be empty)
   * @param entryClass main class, or null for the manifest's
   * @param jobName the name the job runs under in Flink
   * @param parallelism default parallelism, or null
   * @param args program arguments, placeholders unresolved
   * @param up whether {@code playstream up} submits it
   * @param order submit order for {@code up}
   */
  record Entry(
      String name,
      String description,
      String jar,
      String build,
      String entryClass,
      String jobName,
      Integer parallelism,
      List<String> args,
      boolean up,
      int order) {
    Entry {
      args = List.copyOf(args);
    }

    /** The jar's path: {@link #jar} against the repository root. */
    Path jarPath(Path root) {
      return root.resolve(jar).toAbsolutePath().normalize();
    }

    /** The program arguments with {@code ${key}} replaced by platform option values. */
    List<String> resolvedArgs(PlatformConfig config) {
      Map<String, String> values = config.describe();
      List<String> out = new ArrayList<>();
      for (String a : args) {
        if (CATALOG_ARGS.equals(a.strip())) { // a list: the effective catalog, S3 included
          out.addAll(io.playstream.infra.IcebergCatalogSettings.from(config).jobArgs());
        } else {
          out.add(resolve(a, values, name));
        }
      }
      return out;
    }
  }

  private final Map<String, Entry> entries;

  private JobCatalog(Map<String, Entry> entries) {
    this.entries = entries;
  }

  /** The built-in catalog. */
  static JobCatalog load() {
    return load(null);
  }

  /** The built-in catalog, with the entries of {@code extraFile} (if not null) added on top. */
  static JobCatalog load(Path extraFile) {
    Map<String, Entry> all = new LinkedHashMap<>();
    try (InputStream in = JobCatalog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + RESOURCE + " is missing from the CLI");
      }
      all.putAll(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    if (extraFile != null) {
      String text;
      try {
        text = Files.readString(extraFile, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read job catalog " + extraFile + ": " + e, e);
      }
      all.putAll(parse(text, extraFile.toString()));
    }
    return new JobCatalog(all);
  }

  /** A catalog of exactly the entries in {@code yaml}. */
  static JobCatalog of(String yaml, String source) {
    return new JobCatalog(parse(yaml, source));
  }

  /** Every entry, in submit order (then by name). */
  List<Entry> entries() {
    List<Entry> out = new ArrayList<>(entries.values());
    out.sort(Comparator.comparingInt(Entry::order).thenComparing(Entry::name));
    return out;
  }

  /** The entries {@code playstream up} submits, in order. */
  List<Entry> upEntries() {
    return entries().stream().filter(Entry::up).toList();
  }

  /** The entry of that name. */
  Optional<Entry> find(String name) {
    return Optional.ofNullable(entries.get(name));
  }

  /**
   * The entry whose Flink job name is {@code jobName}; when several share it, the one added last
   * (an extra catalog file's entry over a built-in one).
   */
  Optional<Entry> findByJobName(String jobName) {
    List<Entry> all = new ArrayList<>(entries.values());
    for (int i = all.size() - 1; i >= 0; i--) {
      if (all.get(i).jobName().equals(jobName)) {
        return Optional.of(all.get(i));
      }
    }
    return Optional.empty();
  }

  /** The catalog names, in submit order. */
  List<String> names() {
    return entries().stream().map(Entry::name).toList();
  }

  /**
   * The entry of that name.
   *
   * @throws JobsCommand.UserError naming the known jobs when there is none
   */
  Entry require(String name) {
    return find(name)
        .orElseThrow(
            () ->
                new JobsCommand.UserError(
                    "no job named '"
                        + name
                        + "' in the catalog; known jobs: "
                        + String.join(", ", names())
                        + " (see `playstream jobs catalog`)"));
  }

  static Map<String, Entry> parse(String yaml, String source) {
    JsonNode root;
    try {
      root = new YAMLMapper().readTree(yaml);
    } catch (IOException e) {
      throw new IllegalArgumentException(source + ": not valid YAML: " + e.getMessage(), e);
    }
    if (root == null || !root.path("jobs").isArray()) {
      throw new IllegalArgumentException(source + ": expected a top-level list `jobs:`");
    }
    Map<String, Entry> out = new LinkedHashMap<>();
    int i = 0;
    for (JsonNode n : root.path("jobs")) {
      String where = source + ": jobs[" + i++ + "]";
      if (!n.isObject()) {
        throw new IllegalArgumentException(where + ": expected a mapping");
      }
      for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!FIELDS.contains(f)) {
          throw new IllegalArgumentException(
              where + ": unknown field '" + f + "' (known: " + String.join(", ", FIELDS) + ")");
        }
      }
      String name = text(n, "name", where, true);
      where = source + ": job '" + name + "'";
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(where + ": the name must match " + NAME.pattern());
      }
      List<String> args = new ArrayList<>();
      JsonNode a = n.path("args");
      if (!a.isMissingNode() && !a.isNull()) {
        if (!a.isArray()) {
          throw new IllegalArgumentException(where + ": args must be a list");
        }
        for (JsonNode v : a) {
          if (!v.isValueNode()) {
            throw new IllegalArgumentException(where + ": args must be plain values");
          }
          args.add(v.asText());
        }
      }
      Integer parallelism = null;
      if (n.hasNonNull("parallelism")) {
        if (!n.path("parallelism").canConvertToInt() || n.path("parallelism").asInt() < 1) {
          throw new IllegalArgumentException(where + ": parallelism must be a positive number");
        }
        parallelism = n.path("parallelism").asInt();
      }
      if (n.has("up") && !n.path("up").isBoolean()) {
        throw new IllegalArgumentException(where + ": up must be true or false");
      }
      if (n.has("order") && !n.path("order").canConvertToInt()) {
        throw new IllegalArgumentException(where + ": order must be a number");
      }
      String jobName = text(n, "job-name", where, false);
      Entry e =
          new Entry(
              name,
              text(n, "description", where, false),
              text(n, "jar", where, true),
              text(n, "build", where, false),
              n.hasNonNull("entry-class") ? text(n, "entry-class", where, true) : null,
              jobName.isEmpty() ? name : jobName,
              parallelism,
              args,
              n.path("up").asBoolean(false),
              n.path("order").asInt(DEFAULT_ORDER));
      if (out.put(name, e) != null) {
        throw new IllegalArgumentException(source + ": job '" + name + "' is listed twice");
      }
    }
    return out;
  }

  private static String text(JsonNode n, String field, String where, boolean required) {
    JsonNode v = n.path(field);
    if (v.isMissingNode() || v.isNull() || v.asText().isBlank()) {
      if (required) {
        throw new IllegalArgumentException(where + ": " + field + " is required");
      }
      return "";
    }
    if (!v.isValueNode()) {
      throw new IllegalArgumentException(where + ": " + field + " must be a plain value");
    }
    return v.asText().strip();
  }

  /**
   * An argument that stands for several: the Iceberg catalog options of the effective catalog
   * settings ({@code IcebergCatalogSettings.from(config).jobArgs()}: the local S3 warehouse when
   * {@code s3.local.enabled}, with its endpoint and keys).
   */
  static final String CATALOG_ARGS = "${iceberg.catalog-args}";

  /** Replaces {@code ${key}} with {@code values.get(key)}; an unknown key fails naming the job. */
  static String resolve(String arg, Map<String, String> values, String job) {
    Matcher m = PLACEHOLDER.matcher(arg);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String key = m.group(1).strip();
      String value = values.get(key);
      if (value == null) {
        throw new IllegalArgumentException(
            "job '"
                + job
                + "': argument '"
                + arg
                + "' refers to ${"
                + key
                + "}, which is not a platform option (see infra/local-stack/README.md)");
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(value));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
