package io.playstream.infra;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The type of a configuration value: its name in the docs and how a raw string becomes a typed
 * value. Parsing is strict, so a typo fails at load time with the key and the offending value
 * instead of somewhere later.
 *
 * @param <T> the Java type a value of this type is read as
 */
public final class ConfigType<T> {
  private static final Pattern MEMORY_PATTERN = Pattern.compile("[1-9][0-9]*[kKmMgG]?");
  private static final Pattern SHORT_DURATION = Pattern.compile("([0-9]+)\\s*(ms|s|m|h|d)");

  /** Any text. */
  public static final ConfigType<String> STRING = new ConfigType<>("string", (raw, root) -> raw);

  /** A decimal integer. */
  public static final ConfigType<Integer> INT = new ConfigType<>("int", ConfigType::parseInt);

  /** A TCP port, 1 to 65535. */
  public static final ConfigType<Integer> PORT =
      new ConfigType<>(
          "port",
          (raw, root) -> {
            int port = parseInt(raw, root);
            if (port < 1 || port > 65_535) {
              throw new IllegalArgumentException("not a port (1-65535)");
            }
            return port;
          });

  /** {@code true} or {@code false} (case-insensitive); nothing else. */
  public static final ConfigType<Boolean> BOOLEAN =
      new ConfigType<>(
          "boolean",
          (raw, root) ->
              switch (raw.trim().toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException("not true or false");
              });

  /** A duration: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d} or ISO-8601. */
  public static final ConfigType<Duration> DURATION =
      new ConfigType<>("duration", ConfigType::parseDuration);

  /** A file system path; a relative path is resolved against the platform root directory. */
  public static final ConfigType<Path> PATH =
      new ConfigType<>(
          "path", (raw, root) -> root.resolve(Path.of(raw.trim())).toAbsolutePath().normalize());

  /** A JVM memory size as {@code -Xmx} takes it: {@code 512m}, {@code 1g}. */
  public static final ConfigType<String> MEMORY_SIZE =
      new ConfigType<>(
          "memory size",
          (raw, root) -> {
            String v = raw.trim();
            if (!MEMORY_PATTERN.matcher(v).matches()) {
              throw new IllegalArgumentException("not a JVM memory size such as 512m or 1g");
            }
            return v;
          });

  /** An absolute URL such as {@code http://127.0.0.1:8090}. */
  public static final ConfigType<URI> URL =
      new ConfigType<>(
          "url",
          (raw, root) -> {
            try {
              URI uri = new URI(raw.trim());
              if (!uri.isAbsolute() || uri.getHost() == null) {
                throw new IllegalArgumentException("not an absolute URL with a host");
              }
              return uri;
            } catch (URISyntaxException e) {
              throw new IllegalArgumentException("not a URL: " + e.getReason());
            }
          });

  /** Parses a raw value; {@code root} is the platform root directory (for relative paths). */
  @FunctionalInterface
  interface Parser<T> {
    T parse(String raw, Path root);
  }

  private final String name;
  private final Parser<T> parser;

  private ConfigType(String name, Parser<T> parser) {
    this.name = name;
    this.parser = parser;
  }

  /** The name shown in the options table. */
  public String name() {
    return name;
  }

  /**
   * Parses a raw value.
   *
   * @throws IllegalArgumentException with a short reason when the value does not fit the type
   */
  public T parse(String raw, Path root) {
    Objects.requireNonNull(raw, "raw");
    return parser.parse(raw, root);
  }

  @Override
  public String toString() {
    return name;
  }

  private static Integer parseInt(String raw, Path root) {
    try {
      return Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not an integer");
    }
  }

  private static Duration parseDuration(String raw, Path root) {
    String v = raw.trim();
    Matcher m = SHORT_DURATION.matcher(v);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(v);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a duration such as 500ms, 30s, 5m or PT30S");
    }
  }
}
