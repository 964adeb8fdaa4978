package io.playstream.simulator;

import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Option defaults from the environment: {@code --time-compression} is read from {@code
 * PLAYSTREAM_TIME_COMPRESSION}, and so on (prefix {@value #PREFIX}, upper case, {@code -} becomes
 * {@code _}). A command-line value beats the environment, which beats the declared default.
 */
final class EnvDefaultProvider implements IDefaultValueProvider {
  static final String PREFIX = "PLAYSTREAM_";

  private final Map<String, String> env;

  EnvDefaultProvider(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** The environment variable of a long option name such as {@code --time-compression}. */
  static String variableOf(String longOption) {
    return PREFIX + longOption.replaceFirst("^--", "").toUpperCase(Locale.ROOT).replace('-', '_');
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (arg instanceof OptionSpec option) {
      for (String name : option.names()) {
        if (name.startsWith("--")) {
          String value = env.get(variableOf(name));
          if (value != null && !value.isBlank()) {
            return value;
          }
        }
      }
    }
    return null; // picocli then uses the declared default
  }
}
