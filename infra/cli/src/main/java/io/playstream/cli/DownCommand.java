package io.playstream.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code playstream down}: stops whatever an earlier {@code up} left running. */
@Command(
    name = "down",
    mixinStandardHelpOptions = true,
    description = "Stop every component recorded in the state folder's pid files.")
final class DownCommand implements Callable<Integer> {
  @ParentCommand PlaystreamCli cli;

  @Override
  public Integer call() {
    try (Platform platform = new Platform(cli.config(), System.out)) {
      List<String> stopped = platform.down();
      System.out.println(
          stopped.isEmpty() ? "nothing was running" : "stopped: " + String.join(", ", stopped));
    }
    return 0;
  }
}
