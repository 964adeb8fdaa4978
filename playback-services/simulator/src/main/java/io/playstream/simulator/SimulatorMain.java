package io.playstream.simulator;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The command line: parses {@link SimulatorOptions}, runs a {@link Simulator} printing a progress
 * line every {@code --progress-interval}, and prints the {@link SimulationReport} (and writes it as
 * JSON with {@code --report-json}) at the end, also after Ctrl-C or SIGTERM.
 *
 * <p>Exit codes: 0 done, 1 the run failed, 2 bad options.
 */
public final class SimulatorMain {
  private SimulatorMain() {}

  public static void main(String[] args) {
    // our own log configuration unless the caller chose one (stdout is for progress and report)
    if (System.getProperty("log4j2.configurationFile") == null) {
      System.setProperty("log4j2.configurationFile", "log4j2-simulator.xml");
    }
    CountDownLatch finished = new CountDownLatch(1);
    Simulator[] running = new Simulator[1];
    Thread hook =
        new Thread(
            () -> {
              Simulator s;
              synchronized (running) {
                s = running[0];
              }
              if (s != null) {
                s.stop();
                try { // let the main thread drain and print the report before the JVM goes
                  finished.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            },
            "simulator-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    int code;
    try {
      code =
          execute(
              args,
              System.getenv(),
              System.out,
              System.err,
              s -> {
                synchronized (running) {
                  running[0] = s;
                }
              });
    } finally {
      finished.countDown();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      return; // a signal is ending the JVM; the report is out
    }
    System.exit(code);
  }

  /** Receives the simulator before it runs, so that a signal can stop it. */
  interface Started {
    void accept(Simulator simulator);
  }

  /** Parses, runs and reports; returns the exit code. */
  static int execute(
      String[] args, Map<String, String> env, PrintStream out, PrintStream err, Started started) {
    SimulatorOptions options = new SimulatorOptions();
    CommandLine cl = SimulatorOptions.commandLine(options, env);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    try {
      CommandLine.ParseResult parsed = cl.parseArgs(args);
      if (cl.printHelpIfRequested(parsed)) {
        return 0;
      }
      options.completeParse(cl, env);
    } catch (ParameterException e) {
      err.println(e.getMessage());
      cl.usage(err);
      return 2;
    }
    Simulator simulator = new Simulator(options, p -> out.println(p.toLine()));
    started.accept(simulator);
    try {
      SimulationReport report = simulator.run();
      out.print(report.toTable());
      if (options.reportJson() != null) {
        report.writeJson(options.reportJson());
        out.println("report written to " + options.reportJson());
      }
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("interrupted");
      return 1;
    } catch (Exception e) {
      err.println("simulation failed: " + e);
      return 1;
    }
  }
}
