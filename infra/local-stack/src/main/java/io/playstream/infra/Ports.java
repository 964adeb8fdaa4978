package io.playstream.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Free ports and bounded waits for TCP ports and HTTP endpoints, all on 127.0.0.1. */
public final class Ports {
  /** The only address the local stack binds. */
  public static final String LOOPBACK = "127.0.0.1";

  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(500);

  private Ports() {}

  /** A port that was free on 127.0.0.1 a moment ago. */
  public static int freePort() {
    return freePorts(1).get(0);
  }

  /** {@code n} distinct ports that were free on 127.0.0.1 a moment ago. */
  public static List<Integer> freePorts(int n) {
    List<ServerSocket> held = new ArrayList<>();
    try {
      List<Integer> ports = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket();
        held.add(s);
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), 0));
        ports.add(s.getLocalPort());
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port", e);
    } finally {
      for (ServerSocket s : held) {
        try {
          s.close();
        } catch (IOException ignored) {
          // nothing to do: the port is free again either way
        }
      }
    }
  }

  /** Whether nothing listens on 127.0.0.1:{@code port}, so it can be bound. */
  public static boolean isFree(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether something accepts TCP connections at {@code host:port}. */
  public static boolean isOpen(String host, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), (int) CONNECT_TIMEOUT.toMillis());
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Waits until {@code host:port} accepts connections.
   *
   * @throws IllegalStateException when it does not within {@code timeout}
   */
  public static void waitForPort(String host, int port, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!isOpen(host, port)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "nothing listens on " + host + ":" + port + " after " + timeout.toMillis() + " ms");
      }
      TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
    }
  }

  /**
   * Waits until a GET of {@code url} answers with a 2xx status.
   *
   * @throws IllegalStateException when it does not within {@code timeout} (the message carries the
   *     last status or error)
   */
  public static void waitForHttp(URI url, Duration timeout) throws InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).GET().build();
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer";
    while (true) {
      try {
        int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status >= 200 && status < 300) {
          return;
        }
        last = "status " + status;
      } catch (IOException e) {
        last = e.toString();
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            url + " not ready after " + timeout.toMillis() + " ms (" + last + ")");
      }
      TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
    }
  }
}
