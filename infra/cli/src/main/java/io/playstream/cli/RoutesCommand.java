package io.playstream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.playstream.infra.PlatformOptions;
import io.playstream.router.Route;
import io.playstream.router.RouteProblem;
import io.playstream.router.RouteValidationException;
import io.playstream.router.RouteValidator;
import io.playstream.router.RouteYaml;
import io.playstream.router.RoutesClient;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code playstream routes ...}: manage the router's routes, which change without a restart. */
@Command(
    name = "routes",
    mixinStandardHelpOptions = true,
    description =
        "Manage routes (YAML: name, sources, event types, filter, projection, sampling,"
            + " destination). Applied routes live in a compacted topic every router instance"
            + " reads, so changes take effect within seconds without a restart.",
    subcommands = {
      RoutesCommand.Apply.class,
      RoutesCommand.Validate.class,
      RoutesCommand.ListRoutes.class,
      RoutesCommand.Delete.class,
      RoutesCommand.Status.class
    })
final class RoutesCommand implements Runnable {
  @ParentCommand PlaystreamCli cli;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  RoutesClient client() {
    var config = cli.config();
    return new RoutesClient(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            config.get(PlatformOptions.KAFKA_BOOTSTRAP_SERVERS)),
        RouteValidator.standard(),
        config.get(PlatformOptions.KAFKA_REPLICATION_FACTOR).shortValue());
  }

  static int printProblems(List<RouteProblem> problems) {
    System.err.println(problems.size() + " problem(s); nothing was changed:");
    problems.forEach(p -> System.err.println("  " + p));
    return 1;
  }

  @Command(
      name = "apply",
      mixinStandardHelpOptions = true,
      description =
          "Validate every route in FILE, then apply them all in one transaction (nothing changes"
              + " when any route has a problem).")
  static final class Apply implements Callable<Integer> {
    @ParentCommand RoutesCommand parent;

    @Parameters(paramLabel = "FILE", description = "YAML file with one or more routes.")
    Path file;

    @Override
    public Integer call() throws Exception {
      List<Route> routes = RouteYaml.read(file);
      try (RoutesClient client = parent.client()) {
        RoutesClient.ApplyResult r = client.apply(routes);
        System.out.println(
            "applied: added "
                + r.added()
                + ", changed "
                + r.changed()
                + ", unchanged "
                + r.unchanged()
                + (r.createdTopics().isEmpty() ? "" : "; created topics " + r.createdTopics()));
        return 0;
      } catch (RouteValidationException e) {
        return printProblems(e.problems());
      }
    }
  }

  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      description = "Check the routes in FILE without applying them (no broker needed).")
  static final class Validate implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "YAML file with one or more routes.")
    Path file;

    @Override
    public Integer call() {
      List<Route> routes = RouteYaml.read(file);
      List<RouteProblem> problems = RoutesClient.validate(routes);
      if (!problems.isEmpty()) {
        return printProblems(problems);
      }
      System.out.println(routes.size() + " route(s) valid");
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List applied routes.")
  static final class ListRoutes implements Callable<Integer> {
    @ParentCommand RoutesCommand parent;

    @Override
    public Integer call() {
      try (RoutesClient client = parent.client()) {
        List<RoutesClient.AppliedRoute> routes = client.list();
        if (routes.isEmpty()) {
          System.out.println("no routes applied");
        }
        for (RoutesClient.AppliedRoute a : routes) {
          if (!a.valid()) {
            System.out.printf("%-22s INVALID: %s%n", a.name(), a.error());
            continue;
          }
          Route r = a.route();
          System.out.printf(
              "%-22s %-8s -> %s%n",
              a.name(), r.enabled() ? "enabled" : "disabled", r.destinationTopic());
        }
      }
      return 0;
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a route.")
  static final class Delete implements Callable<Integer> {
    @ParentCommand RoutesCommand parent;

    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    public Integer call() throws Exception {
      try (RoutesClient client = parent.client()) {
        if (!client.delete(name)) {
          System.err.println("no route named '" + name + "' is applied");
          return 1;
        }
        System.out.println("deleted " + name + " (its destination topic is kept)");
        return 0;
      }
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Per-route counters of the running router (in, out, filtered, dead-lettered).")
  static final class Status implements Callable<Integer> {
    @ParentCommand RoutesCommand parent;

    @Override
    public Integer call() throws Exception {
      int port = parent.cli.config().get(PlatformOptions.ROUTER_HTTP_PORT);
      URI url = URI.create("http://127.0.0.1:" + port);
      JsonNode body;
      try {
        body = new RouterStats(url).status();
      } catch (java.io.IOException e) {
        System.err.println("the router does not answer at " + url + " (is the platform up?)");
        return 3;
      }
      System.out.println(
          "router " + body.path("instance").asText() + " " + body.path("state").asText());
      System.out.printf(
          "%-20s %-9s %10s %10s %9s %11s %9s %12s%n",
          "ROUTE", "STATUS", "IN", "OUT", "FILTERED", "SAMPLED_OUT", "DLQ", "LAG_P99_MS");
      for (JsonNode r : body.path("routes")) {
        System.out.printf(
            "%-20s %-9s %10d %10d %9d %11d %9d %12.0f%n",
            r.path("name").asText(),
            r.path("status").asText(),
            r.path("in").asLong(),
            r.path("out").asLong(),
            r.path("filtered").asLong(),
            r.path("sampled_out").asLong(),
            r.path("dead_lettered").asLong(),
            r.path("lag_p99_ms").asDouble());
        if (!r.path("error").isNull() && !r.path("error").asText().isEmpty()) {
          System.out.println("    error: " + r.path("error").asText());
        }
      }
      return 0;
    }
  }
}
