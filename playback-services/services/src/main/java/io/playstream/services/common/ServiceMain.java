package io.playstream.services.common;

import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;

/**
 * The process side of a service, shared by the three mains: option parsing with environment
 * defaults, the readiness line, and a clean stop on SIGTERM (server first, then the event producer,
 * so in-flight requests can still emit).
 */
public final class ServiceMain {
  private ServiceMain() {}

  /**
   * Parses {@code args} into the picocli command (environment variables as defaults) and runs it;
   * exits the JVM with the command's code when it failed.
   */
  public static void main(Object command, String[] args) {
    int code = commandLine(command, System.getenv()).execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** The picocli command line with {@link EnvDefaults} over {@code env}. */
  public static CommandLine commandLine(Object command, Map<String, String> env) {
    CommandLine cl = new CommandLine(command);
    cl.setDefaultValueProvider(new EnvDefaults(env));
    cl.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          cmd.getErr().println(cmd.getCommandName() + " cannot start: " + e.getMessage());
          if (!(e instanceof IllegalArgumentException || e instanceof UncheckedIOException)) {
            e.printStackTrace(cmd.getErr());
          }
          return 1;
        });
    return cl;
  }

  /**
   * Prints {@code READY <service> <url>} and blocks until the JVM is asked to stop, then closes the
   * service and the emitter.
   *
   * @return 0, once stopped
   */
  public static int serve(String service, RunningService running, EventEmitter emitter)
      throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    running.close();
                  } finally {
                    emitter.close();
                    stopped.countDown();
                  }
                },
                service + "-shutdown"));
    System.out.println(readyLine(service, running.url()));
    System.out.flush();
    stopped.await();
    return 0;
  }

  /** The one line a launcher waits for. */
  public static String readyLine(String service, String url) {
    return "READY " + service + " " + url;
  }
}
