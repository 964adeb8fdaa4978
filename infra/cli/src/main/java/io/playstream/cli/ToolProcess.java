package io.playstream.cli;

import io.playstream.infra.JavaProcess;
import io.playstream.infra.JvmFlags;
import io.playstream.infra.RuntimeClasspath;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Runs a tool module's main (a benchmark, the Spark SQL runner...) as a child JVM on the module's
 * own classpath ({@link RuntimeClasspath#loadTool}), with the Java 17 flags, its output passed
 * through. Keeps clashing stacks (Flink, Spark, Elasticsearch, Cassandra) off the CLI's classpath.
 */
final class ToolProcess {
  private ToolProcess() {}

  /** Runs the main to completion and returns its exit code. */
  static int run(String tool, String mainClass, List<String> args, String heap)
      throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command(tool, mainClass, args, heap)).inheritIO().start();
    Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
    return p.waitFor();
  }

  /**
   * Runs the main and returns what it printed on stdout (stderr is discarded).
   *
   * @throws IOException when it fails, times out or exits with a non-zero code
   */
  static String capture(
      String tool, String mainClass, List<String> args, String heap, java.time.Duration timeout)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(command(tool, mainClass, args, heap))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    java.util.concurrent.CompletableFuture<String> out =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> {
              try {
                return new String(
                    p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
              } catch (IOException e) {
                return "";
              }
            });
    if (!p.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new IOException(mainClass + " did not finish within " + timeout.toSeconds() + " s");
    }
    if (p.exitValue() != 0) {
      throw new IOException(mainClass + " exited with " + p.exitValue());
    }
    return out.join();
  }

  private static List<String> command(
      String tool, String mainClass, List<String> args, String heap) {
    List<Path> cp = RuntimeClasspath.loadTool(tool);
    List<String> cmd = new ArrayList<>();
    cmd.add(JavaProcess.javaExecutable().toString());
    cmd.add("-Xmx" + heap);
    cmd.addAll(JvmFlags.java17Opens());
    cmd.add("-cp");
    cmd.add(cp.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
    cmd.add(mainClass);
    cmd.addAll(args);
    return cmd;
  }
}
