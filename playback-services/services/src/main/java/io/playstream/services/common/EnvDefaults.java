package io.playstream.services.common;

import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Lets every option come from the environment: {@code --kafka-bootstrap} is read from {@code
 * PLAYSTREAM_KAFKA_BOOTSTRAP} when not given on the command line. Order of precedence: command
 * line, then environment, then the option's declared default.
 */
public final class EnvDefaults implements IDefaultValueProvider {
  /** Prefix of every environment variable the services read. */
  public static final String PREFIX = "PLAYSTREAM_";

  /** Help footer the service commands show. */
  public static final String HELP_FOOTER =
      "%nEvery option can also be set in the environment as PLAYSTREAM_<OPTION>, e.g."
          + " --kafka-bootstrap as PLAYSTREAM_KAFKA_BOOTSTRAP. The command line wins over the"
          + " environment, the environment over the default.";

  private final Map<String, String> env;

  public EnvDefaults(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** {@code --kafka-bootstrap} → {@code PLAYSTREAM_KAFKA_BOOTSTRAP}. */
  public static String variableFor(String optionName) {
    String bare = optionName.replaceFirst("^-+", "");
    return PREFIX + bare.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  @Override
  public String defaultValue(ArgSpec argSpec) {
    if (argSpec instanceof OptionSpec option) {
      return env.get(variableFor(option.longestName()));
    }
    return null;
  }
}
