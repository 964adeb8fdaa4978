package io.playstream.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * One {@code playstream} command run in-process, as tests drive the CLI: exit code and what it
 * printed (also echoed to the test's own output, so failures show it).
 */
record CliRun(int code, String out, String err) {

  /** Runs {@code playstream --config CONFIG ARGS...}. */
  static synchronized CliRun of(Path configFile, String... args) {
    List<String> all = new ArrayList<>(List.of("--config", configFile.toString()));
    all.addAll(List.of(args));
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int code = new CommandLine(new PlaystreamCli()).execute(all.toArray(String[]::new));
      return new CliRun(
          code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
      out.print(o.toString(StandardCharsets.UTF_8));
      err.print(e.toString(StandardCharsets.UTF_8));
    }
  }
}
