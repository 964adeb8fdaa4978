package io.playstream.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code playstream status}: health of every component. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show the health of every component (exit code 0 when all are healthy).")
final class StatusCommand implements Callable<Integer> {
  @ParentCommand PlaystreamCli cli;

  @Override
  public Integer call() {
    Platform platform = new Platform(cli.config(), System.out);
    List<Platform.ComponentStatus> status = platform.status();
    System.out.printf("%-10s %-5s %-28s %s%n", "COMPONENT", "OK", "WHERE", "DETAIL");
    boolean allUp = true;
    for (Platform.ComponentStatus s : status) {
      System.out.printf(
          "%-10s %-5s %-28s %s%n", s.name(), s.healthy() ? "up" : "DOWN", s.where(), s.detail());
      if (!s.name().equals(Platform.SIMULATOR)) {
        allUp &= s.healthy();
      }
    }
    System.out.println("state: " + platform.config().stateDir());
    return allUp ? 0 : 3;
  }
}
