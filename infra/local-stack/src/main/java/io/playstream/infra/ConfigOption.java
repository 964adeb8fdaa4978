package io.playstream.infra;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One configuration option: key, type, default and description, declared once in an options class
 * (such as {@link PlatformOptions}) and read with {@link PlatformConfig#get(ConfigOption)}.
 *
 * <p>The default is a raw string, parsed like any other value. It may refer to other options as
 * {@code ${key}} (for instance {@code http://127.0.0.1:${services.playback.port}}), so a derived
 * default follows the option it derives from.
 *
 * @param key dotted lower-case key, e.g. {@code kafka.local.port}
 * @param type the value type
 * @param defaultValue the raw default, or null when the option has no default (then it must be set)
 * @param description one sentence for the options table
 * @param <T> the Java type of the value
 */
public record ConfigOption<T>(
    String key, ConfigType<T> type, String defaultValue, String description) {
  private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*");

  public ConfigOption {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(description, "description");
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("bad option key '" + key + "'");
    }
  }

  /** Declares an option. */
  public static <T> ConfigOption<T> of(
      String key, ConfigType<T> type, String defaultValue, String description) {
    return new ConfigOption<>(key, type, defaultValue, description);
  }

  /**
   * The environment variable that overrides this option: {@code PLAYSTREAM_} followed by the key
   * upper-cased with {@code .} and {@code -} replaced by {@code _}.
   */
  public String envName() {
    return envName(key);
  }

  /** The environment variable name for any key (see {@link #envName()}). */
  public static String envName(String key) {
    return "PLAYSTREAM_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /**
   * Renders options as a Markdown table (key, type, default, environment variable, description),
   * one row per option in the given order. Module READMEs embed this table; a test keeps them
   * equal.
   */
  public static String markdownTable(List<ConfigOption<?>> options) {
    StringBuilder sb = new StringBuilder();
    sb.append("| Key | Type | Default | Environment variable | Description |\n");
    sb.append("|---|---|---|---|---|\n");
    for (ConfigOption<?> o : options) {
      sb.append("| `")
          .append(o.key())
          .append("` | ")
          .append(o.type().name())
          .append(" | ")
          .append(o.defaultValue() == null ? "(none)" : "`" + o.defaultValue() + "`")
          .append(" | `")
          .append(o.envName())
          .append("` | ")
          .append(o.description().replace("|", "\\|"))
          .append(" |\n");
    }
    return sb.toString();
  }
}
