package io.playstream.cli;

import io.playstream.simulator.SimulatorMain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Unmatched;

/**
 * {@code playstream simulate ...}: runs the traffic simulator against this platform. Every option
 * is the simulator's own ({@code playstream simulate --help} lists them); service URLs, the
 * bootstrap servers and the token key default to the platform configuration.
 */
@Command(
    name = "simulate",
    description = {
      "Run the traffic simulator against the platform (http mode through the services, or"
          + " --mode kafka straight to the broker).",
      "All options are the simulator's; `playstream simulate --help` lists them. Endpoints and"
          + " the token key default to the platform configuration."
    })
final class SimulateCommand implements Callable<Integer> {
  @ParentCommand PlaystreamCli cli;

  @Unmatched List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    Platform platform = new Platform(cli.config(), System.out);
    List<String> all = new ArrayList<>();
    List<String> defaults = platform.simulatorArgs();
    for (int i = 0; i + 1 < defaults.size(); i += 2) {
      if (!args.contains(defaults.get(i))) {
        all.add(defaults.get(i));
        all.add(defaults.get(i + 1));
      }
    }
    all.addAll(args);
    SimulatorMain.main(all.toArray(String[]::new));
    return 0;
  }
}
