package io.playstream.cli;

import io.playstream.infra.PlatformOptions;
import io.playstream.router.DeadLetters;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code playstream dlq ...}: look at dead letters and re-inject them after a fix. */
@Command(
    name = "dlq",
    mixinStandardHelpOptions = true,
    description =
        "Dead letters: what the router could not handle, with reason and origin (source topic,"
            + " partition, offset, route).",
    subcommands = {DlqCommand.Inspect.class, DlqCommand.Replay.class})
final class DlqCommand implements Runnable {
  @ParentCommand PlaystreamCli cli;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  DeadLetters deadLetters() {
    return new DeadLetters(cli.config().get(PlatformOptions.KAFKA_BOOTSTRAP_SERVERS));
  }

  /** Options shared by inspect and replay. */
  static class Filter {
    @Option(
        names = "--reason",
        description =
            "Only letters with this reason (e.g. undecodable, unknown-schema, filter-error, too-large).")
    String reason;

    @Option(names = "--route", description = "Only letters of this route.")
    String route;

    DeadLetters.Query query(int limit) {
      DeadLetters.Query q = DeadLetters.Query.all().withLimit(limit);
      if (reason != null) {
        q = q.withReason(reason);
      }
      if (route != null) {
        q = q.withRoute(route);
      }
      return q;
    }
  }

  @Command(
      name = "inspect",
      mixinStandardHelpOptions = true,
      description = "Show dead letters, newest last, with counts by reason.")
  static final class Inspect implements Callable<Integer> {
    @ParentCommand DlqCommand parent;

    @picocli.CommandLine.Mixin Filter filter = new Filter();

    @Option(
        names = "--limit",
        defaultValue = "50",
        description = "At most this many letters (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
      try (DeadLetters dl = parent.deadLetters()) {
        DeadLetters.Page page = dl.inspect(filter.query(limit));
        Map<String, Integer> byReason = new TreeMap<>();
        for (DeadLetters.DeadLetter l : page.letters()) {
          System.out.println(l.describe());
          byReason.merge(l.reason(), 1, Integer::sum);
        }
        System.out.println(
            page.letters().size()
                + " shown of "
                + page.scanned()
                + " scanned; by reason: "
                + byReason);
      }
      return 0;
    }
  }

  @Command(
      name = "replay",
      mixinStandardHelpOptions = true,
      description =
          "Re-inject dead letters into their source topic (original key and bytes, replay count"
              + " header; a route-specific letter is applied by that route only).")
  static final class Replay implements Callable<Integer> {
    @ParentCommand DlqCommand parent;

    @picocli.CommandLine.Mixin Filter filter = new Filter();

    @Option(
        names = "--max",
        defaultValue = "1000",
        description = "At most this many letters (default: ${DEFAULT-VALUE}).")
    int max;

    @Option(
        names = "--max-replays",
        defaultValue = "3",
        description = "Skip letters already replayed this often (default: ${DEFAULT-VALUE}).")
    int maxReplays;

    @Option(names = "--dry-run", description = "Only say what would be replayed.")
    boolean dryRun;

    @Override
    public Integer call() {
      try (DeadLetters dl = parent.deadLetters()) {
        DeadLetters.ReplayResult r = dl.replay(filter.query(max), maxReplays, dryRun);
        System.out.println(
            (dryRun ? "would replay " : "replayed ")
                + r.replayed()
                + ", skipped "
                + r.skipped()
                + ", by source "
                + r.replayedBySource()
                + "; next offsets "
                + r.nextOffsets());
      }
      return 0;
    }
  }
}
