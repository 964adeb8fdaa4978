package io.playstream.cli;

import io.playstream.infra.PlatformConfig;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code playstream} command. */
@Command(
    name = "playstream",
    mixinStandardHelpOptions = true,
    versionProvider = PlaystreamCli.Version.class,
    description =
        "Playstream: an event-streaming data platform. Runs the local platform, drives"
            + " traffic, reports and benchmarks.",
    subcommands = {
      UpCommand.class,
      DownCommand.class,
      StatusCommand.class,
      DemoCommand.class,
      SimulateCommand.class,
      RoutesCommand.class,
      DlqCommand.class,
      JobsCommand.class,
      SqlCommand.class,
      TablesCommand.class,
      BenchCommand.class,
      EvalCommand.class,
      CommandLine.HelpCommand.class
    })
public final class PlaystreamCli implements Runnable {

  @Option(
      names = "--config",
      scope = CommandLine.ScopeType.INHERIT,
      description =
          "Platform configuration file (default: playstream.yaml at the repository root"
              + " if present, or $PLAYSTREAM_CONFIG).")
  Path configFile;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** The platform root: where {@code ./playstream} lives (or the working directory). */
  static Path root() {
    String root = System.getProperty("playstream.root");
    return Path.of(root != null ? root : ".").toAbsolutePath().normalize();
  }

  /** The configuration for this invocation. */
  PlatformConfig config() {
    PlatformConfig.Builder b = PlatformConfig.builder(root());
    if (configFile != null) {
      b.configFile(configFile);
    }
    return b.build();
  }

  public static void main(String[] args) {
    int code =
        new CommandLine(new PlaystreamCli())
            .setExecutionExceptionHandler(
                (ex, cl, parseResult) -> {
                  cl.getErr().println("playstream: " + ex.getMessage());
                  if (Boolean.getBoolean("playstream.debug")) {
                    ex.printStackTrace(cl.getErr());
                  } else {
                    cl.getErr()
                        .println(
                            "(run with PLAYSTREAM_CLI_OPTS=-Dplaystream.debug=true for the stack trace)");
                  }
                  return 1;
                })
            .execute(args);
    System.exit(code);
  }

  /** Version from the jar manifest, or "dev". */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = PlaystreamCli.class.getPackage().getImplementationVersion();
      return new String[] {"playstream " + (v == null ? "0.1.0-SNAPSHOT" : v)};
    }
  }
}
