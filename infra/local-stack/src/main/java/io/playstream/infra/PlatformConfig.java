package io.playstream.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The platform configuration: immutable once built.
 *
 * <p>Each value comes from the first of these that sets it:
 *
 * <ol>
 *   <li>explicit overrides ({@link Builder#override(String, String)}, e.g. CLI flags);
 *   <li>the environment: {@code PLAYSTREAM_<KEY>} (see {@link ConfigOption#envName()});
 *   <li>the YAML file: {@link Builder#configFile(Path)}, else the file named by {@code
 *       PLAYSTREAM_CONFIG}, else {@code <root>/playstream.yaml} if it exists. Keys may be nested
 *       ({@code kafka: {local: {port: 9092}}}) or dotted ({@code kafka.local.port: 9092});
 *   <li>the option's default.
 * </ol>
 *
 * <p>Values are read typed, with {@link #get(ConfigOption)}. Every {@link PlatformOptions} value is
 * parsed when the config is built, so a bad value fails early, naming the key and where it came
 * from. Options declared by other modules can be read from the same config: they use the same file,
 * environment naming and placeholders.
 */
public final class PlatformConfig {
  /** Environment variable naming the YAML config file. */
  public static final String CONFIG_ENV = "PLAYSTREAM_CONFIG";

  /** Config file looked for in the platform root when no other is named. */
  public static final String DEFAULT_FILE_NAME = "playstream.yaml";

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z0-9.-]+)}");
  private static final int MAX_PLACEHOLDER_DEPTH = 10;

  /** Where a value came from. */
  public enum Origin {
    DEFAULT,
    FILE,
    ENVIRONMENT,
    OVERRIDE
  }

  private final Path root;
  private final Path configFile;
  private final Map<String, String> fileValues;
  private final Map<String, String> environment;
  private final Map<String, String> overrides;
  private final Map<String, Object> platformValues;

  private PlatformConfig(
      Path root,
      Path configFile,
      Map<String, String> fileValues,
      Map<String, String> environment,
      Map<String, String> overrides) {
    this.root = root;
    this.configFile = configFile;
    this.fileValues = fileValues;
    this.environment = environment;
    this.overrides = overrides;
    Map<String, Object> values = new LinkedHashMap<>();
    for (ConfigOption<?> o : PlatformOptions.all()) {
      values.put(o.key(), resolve(o, 0));
    }
    this.platformValues = Collections.unmodifiableMap(values);
  }

  /** Loads the config for a platform root from the real environment and the default file. */
  public static PlatformConfig load(Path root) {
    return builder(root).build();
  }

  /** A builder for the config of the platform rooted at {@code root}. */
  public static Builder builder(Path root) {
    return new Builder(root);
  }

  /** The value of an option, typed. */
  @SuppressWarnings("unchecked")
  public <T> T get(ConfigOption<T> option) {
    Object known = platformValues.get(option.key());
    if (known != null && PlatformOptions.all().contains(option)) {
      return (T) known;
    }
    return resolve(option, 0);
  }

  /** Where the value of an option comes from. */
  public Origin origin(ConfigOption<?> option) {
    if (overrides.containsKey(option.key())) {
      return Origin.OVERRIDE;
    }
    if (environment.containsKey(option.envName())) {
      return Origin.ENVIRONMENT;
    }
    if (fileValues.containsKey(option.key())) {
      return Origin.FILE;
    }
    return Origin.DEFAULT;
  }

  /** The platform root directory relative paths are resolved against. */
  public Path root() {
    return root;
  }

  /** The YAML file that was read, if any. */
  public Optional<Path> configFile() {
    return Optional.ofNullable(configFile);
  }

  /** The absolute state folder ({@link PlatformOptions#STATE_DIR}). */
  public Path stateDir() {
    return get(PlatformOptions.STATE_DIR);
  }

  /** The state folder layout (data, logs, pid files). */
  public StateLayout stateLayout() {
    return new StateLayout(stateDir());
  }

  /**
   * Every platform option's effective value as text, in table order, for {@code playstream config}
   * style output.
   */
  public Map<String, String> describe() {
    Map<String, String> out = new LinkedHashMap<>();
    platformValues.forEach((k, v) -> out.put(k, String.valueOf(v)));
    return Collections.unmodifiableMap(out);
  }

  private <T> T resolve(ConfigOption<T> option, int depth) {
    String raw = rawValue(option);
    if (raw == null) {
      throw new IllegalArgumentException(
          "option "
              + option.key()
              + " has no default and is not set (set it in the config file or "
              + option.envName()
              + ")");
    }
    String expanded = expand(raw, option, depth);
    try {
      return option.type().parse(expanded, root);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "option "
              + option.key()
              + " ("
              + describeOrigin(option)
              + "): '"
              + expanded
              + "' is "
              + e.getMessage(),
          e);
    }
  }

  private String rawValue(ConfigOption<?> option) {
    String v = overrides.get(option.key());
    if (v == null) {
      v = environment.get(option.envName());
    }
    if (v == null) {
      v = fileValues.get(option.key());
    }
    return v != null ? v : option.defaultValue();
  }

  private String describeOrigin(ConfigOption<?> option) {
    return switch (origin(option)) {
      case OVERRIDE -> "override";
      case ENVIRONMENT -> "from environment " + option.envName();
      case FILE -> "from " + configFile;
      case DEFAULT -> "default";
    };
  }

  private String expand(String raw, ConfigOption<?> owner, int depth) {
    Matcher m = PLACEHOLDER.matcher(raw);
    if (!m.find()) {
      return raw;
    }
    if (depth >= MAX_PLACEHOLDER_DEPTH) {
      throw new IllegalArgumentException(
          "option " + owner.key() + ": placeholders nest too deep (a cycle?) in '" + raw + "'");
    }
    StringBuilder sb = new StringBuilder();
    m.reset();
    while (m.find()) {
      String key = m.group(1);
      ConfigOption<?> ref =
          PlatformOptions.all().stream()
              .filter(o -> o.key().equals(key))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "option " + owner.key() + " refers to unknown option ${" + key + "}"));
      m.appendReplacement(sb, Matcher.quoteReplacement(String.valueOf(resolve(ref, depth + 1))));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** Builds a {@link PlatformConfig}. */
  public static final class Builder {
    private final Path root;
    private Path configFile;
    private Map<String, String> environment = System.getenv();
    private final Map<String, String> overrides = new HashMap<>();

    private Builder(Path root) {
      this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    /** Reads this YAML file (it must exist) instead of looking for one. */
    public Builder configFile(Path file) {
      this.configFile = file;
      return this;
    }

    /** The environment to read {@code PLAYSTREAM_*} variables from (default: the real one). */
    public Builder environment(Map<String, String> environment) {
      this.environment = Map.copyOf(environment);
      return this;
    }

    /** Sets a value that wins over file and environment (e.g. from a CLI flag). */
    public Builder override(String key, String value) {
      overrides.put(key, Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Builds the config.
     *
     * @throws IllegalArgumentException when a named file is missing or unreadable, or a value does
     *     not fit its option's type
     */
    public PlatformConfig build() {
      Path file = chooseFile();
      Map<String, String> fileValues = file == null ? Map.of() : readYaml(file);
      Map<String, String> env = new HashMap<>();
      environment.forEach(
          (k, v) -> {
            if (k.startsWith("PLAYSTREAM_") && v != null) {
              env.put(k, v);
            }
          });
      return new PlatformConfig(
          root, file, Map.copyOf(fileValues), Map.copyOf(env), Map.copyOf(overrides));
    }

    private Path chooseFile() {
      if (configFile != null) {
        return requireFile(root.resolve(configFile), "config file");
      }
      String fromEnv = environment.get(CONFIG_ENV);
      if (fromEnv != null && !fromEnv.isBlank()) {
        return requireFile(root.resolve(fromEnv), CONFIG_ENV);
      }
      Path inRoot = root.resolve(DEFAULT_FILE_NAME);
      return Files.isRegularFile(inRoot) ? inRoot : null;
    }

    private static Path requireFile(Path file, String what) {
      Path abs = file.toAbsolutePath().normalize();
      if (!Files.isRegularFile(abs)) {
        throw new IllegalArgumentException(what + " " + abs + " does not exist");
      }
      return abs;
    }

    private static Map<String, String> readYaml(Path file) {
      JsonNode tree;
      try {
        tree = new YAMLMapper().readTree(file.toFile());
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
      }
      Map<String, String> out = new LinkedHashMap<>();
      if (tree == null || tree.isMissingNode() || tree.isNull()) {
        return out;
      }
      if (!tree.isObject()) {
        throw new IllegalArgumentException(file + ": the top level must be a mapping of keys");
      }
      flatten("", tree, out, file);
      return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out, Path file) {
      List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
      node.fields().forEachRemaining(entries::add);
      for (Map.Entry<String, JsonNode> e : entries) {
        String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
        JsonNode v = e.getValue();
        if (v.isObject()) {
          flatten(key, v, out, file);
        } else if (v.isArray()) {
          throw new IllegalArgumentException(file + ": " + key + " is a list; expected a value");
        } else if (!v.isNull()) {
          if (out.put(key, v.asText()) != null) {
            throw new IllegalArgumentException(file + ": " + key + " is set twice");
          }
        }
      }
    }
  }
}
