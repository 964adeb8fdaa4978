package io.playstream.jobs.window;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.functions.ReduceFunction;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Local (pre-shuffle) pre-aggregation for event-time tumbling windows: combines the partial
 * aggregates of one subtask per window and key in a heap map, and emits one combined partial per
 * window and key when the watermark closes the window. The keyed window downstream then merges at
 * most one partial per upstream subtask instead of one state access per event.
 *
 * <p>This is the local half of Flink SQL's local/global aggregation, for the DataStream API. It
 * keeps no state of its own: {@link #prepareSnapshotPreBarrier} flushes every buffered partial
 * before the checkpoint barrier, so the partials are in the downstream window state of the same
 * checkpoint (exactly-once holds). Emitted partials carry the timestamp {@code window end - 1}, so
 * they fall into the same window downstream and are never late there.
 *
 * <p>An element whose window has already closed here ({@code window end - 1 <= watermark}) goes to
 * the late side output, never silently away.
 *
 * @param <T> partial aggregate type; the reduce function may mutate and return its first argument
 */
public final class LocalWindowReducer<T> extends AbstractStreamOperator<T>
    implements OneInputStreamOperator<T, T> {
  private static final long serialVersionUID = 1L;

  /** Makes a partial safe to leave the operator (e.g. encodes a live sketch into bytes). */
  public interface Sealer<T> extends UnaryOperator<T>, java.io.Serializable {}

  private final long sizeMs;
  private final KeySelector<T, String> key;
  private final ReduceFunction<T> reduce;
  private final Sealer<T> sealer;
  private final OutputTag<T> lateTag;

  private transient TreeMap<Long, Map<String, T>> byWindow;
  private transient long watermark;
  private transient StreamRecord<T> reuse;
  private transient long lastStart;
  private transient Map<String, T> lastPartials;
  private transient Counter late;
  private transient Counter emitted;

  /**
   * @param sizeMs tumbling window size, milliseconds
   * @param key groups partials within this operator (unique per downstream key; the downstream
   *     keyBy may use a longer key)
   * @param reduce combines two partials of the same key and window
   * @param sealer applied to a partial before it is emitted
   * @param lateTag side output for elements whose window already closed
   */
  public LocalWindowReducer(
      long sizeMs,
      KeySelector<T, String> key,
      ReduceFunction<T> reduce,
      Sealer<T> sealer,
      OutputTag<T> lateTag) {
    if (sizeMs <= 0) {
      throw new IllegalArgumentException("window size must be positive");
    }
    this.sizeMs = sizeMs;
    this.key = key;
    this.reduce = reduce;
    this.sealer = sealer;
    this.lateTag = lateTag;
  }

  @Override
  public void open() throws Exception {
    super.open();
    byWindow = new TreeMap<>();
    watermark = Long.MIN_VALUE;
    reuse = new StreamRecord<>(null);
    late = getMetricGroup().counter("lateEvents");
    emitted = getMetricGroup().counter("partialsEmitted");
  }

  @Override
  public void processElement(StreamRecord<T> record) throws Exception {
    if (!record.hasTimestamp()) {
      throw new IllegalStateException(
          "event-time pre-aggregation needs timestamps; assign them before " + getClass());
    }
    long ts = record.getTimestamp();
    long start = TimeWindow.getWindowStartWithOffset(ts, 0, sizeMs);
    if (start + sizeMs - 1 <= watermark) {
      late.inc();
      output.collect(lateTag, record);
      return;
    }
    T value = record.getValue();
    Map<String, T> partials;
    if (start == lastStart && lastPartials != null) {
      partials = lastPartials; // most events fall into the newest window: skip the tree lookup
    } else {
      partials = byWindow.computeIfAbsent(start, s -> new HashMap<>());
      lastStart = start;
      lastPartials = partials;
    }
    String k = key.getKey(value);
    T previous = partials.get(k);
    partials.put(k, previous == null ? value : reduce.reduce(previous, value));
  }

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    watermark = mark.getTimestamp();
    flush(watermark);
    super.processWatermark(mark);
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    flush(Long.MAX_VALUE);
    super.prepareSnapshotPreBarrier(checkpointId);
  }

  @Override
  public void finish() throws Exception {
    flush(Long.MAX_VALUE);
    super.finish();
  }

  /** Emits every window whose last millisecond is at or before {@code upTo}. */
  private void flush(long upTo) {
    Iterator<Map.Entry<Long, Map<String, T>>> it = byWindow.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Long, Map<String, T>> w = it.next();
      long maxTimestamp = w.getKey() + sizeMs - 1;
      if (upTo != Long.MAX_VALUE && maxTimestamp > upTo) {
        return; // sorted by start: the rest is still open
      }
      for (T partial : w.getValue().values()) {
        emitted.inc();
        output.collect(reuse.replace(sealer.apply(partial), maxTimestamp));
      }
      it.remove();
      if (w.getValue() == lastPartials) {
        lastPartials = null;
      }
    }
  }

  /** Number of windows currently buffered (for tests). */
  int bufferedWindows() {
    return byWindow.size();
  }
}
