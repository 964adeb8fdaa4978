package io.playstream.router.bench;

import io.playstream.events.PlaybackStarted;
import io.playstream.router.filter.CelFilterCompiler;
import io.playstream.router.filter.CompiledFilter;
import io.playstream.router.filter.EventView;
import io.playstream.router.filter.FilterCompileException;
import io.playstream.router.filter.JexlFilterCompiler;
import io.playstream.schemas.EventType;
import io.playstream.schemas.Events;
import io.playstream.schemas.SampleEvents;
import java.time.Instant;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Evaluations per second of a typical route filter on {@code PlaybackStarted} events — {@value
 * #CEL} — in CEL as the router runs it (planned), on CEL's interpreter, in JEXL ({@value #JEXL})
 * and as the same predicate in plain Java (the baseline). One event per call, cycling through 64
 * varied events so about a fifth pass; the CEL and JEXL variants build the event's variable view as
 * the router does once per record.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FilterBenchmark {
  public static final String CEL =
      "country in ['US', 'BR', 'GB'] && device_type == 'tv' && initial_bitrate_kbps > 3000";
  public static final String JEXL =
      "country =~ ['US', 'BR', 'GB'] && device_type == 'tv' && initial_bitrate_kbps > 3000";

  private static final Set<String> COUNTRIES = Set.of("US", "BR", "GB");
  private static final int EVENTS = 64;

  private PlaybackStarted[] events;
  private CompiledFilter planned;
  private CompiledFilter interpreted;
  private CompiledFilter jexl;
  private int next;

  @Setup
  public void setUp() throws FilterCompileException {
    events = sampleEvents(EVENTS, 42);
    Set<EventType> types = Set.of(EventType.PLAYBACK_STARTED);
    planned = CelFilterCompiler.create().compile(CEL, types);
    interpreted = CelFilterCompiler.interpreterOnly().compile(CEL, types);
    jexl = new JexlFilterCompiler().compile(JEXL, types);
  }

  /** Varied started events: 8 countries, 4 device types, 5 bitrates. */
  public static PlaybackStarted[] sampleEvents(int n, long seed) {
    String[] countries = {"US", "BR", "GB", "DE", "FR", "JP", "IN", "MX"};
    String[] devices = {"tv", "mobile", "web", "console"};
    int[] bitrates = {1500, 2500, 3500, 4500, 6000};
    Random random = new Random(seed);
    PlaybackStarted[] out = new PlaybackStarted[n];
    for (int i = 0; i < n; i++) {
      out[i] =
          PlaybackStarted.newBuilder(SampleEvents.started())
              .setHeader(
                  Events.newHeader("playback", "playback-1", Instant.EPOCH.plusSeconds(i), null))
              .setCountry(countries[random.nextInt(countries.length)])
              .setDeviceType(devices[random.nextInt(devices.length)])
              .setInitialBitrateKbps(bitrates[random.nextInt(bitrates.length)])
              .build();
    }
    return out;
  }

  /** The predicate in plain Java, as a hand-written route would have it. */
  public static boolean javaPredicate(PlaybackStarted e) {
    return COUNTRIES.contains(e.getCountry())
        && "tv".equals(e.getDeviceType())
        && e.getInitialBitrateKbps() > 3000;
  }

  private PlaybackStarted nextEvent() {
    PlaybackStarted e = events[next];
    next = (next + 1) & (EVENTS - 1);
    return e;
  }

  @Benchmark
  public boolean ours() {
    return planned.test(EventView.of(nextEvent(), EventType.PLAYBACK_STARTED));
  }

  @Benchmark
  public boolean celInterpreter() {
    return interpreted.test(EventView.of(nextEvent(), EventType.PLAYBACK_STARTED));
  }

  @Benchmark
  public boolean jexl() {
    return jexl.test(EventView.of(nextEvent(), EventType.PLAYBACK_STARTED));
  }

  @Benchmark
  public boolean baseline() {
    return javaPredicate(nextEvent());
  }
}
