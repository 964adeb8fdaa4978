package io.playstream.flink;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.OutputTag;

/**
 * The result of {@link EventDemux#split}: one typed stream per event class and the dead letters.
 */
public final class Demuxed {
  private final SingleOutputStreamOperator<DeadLetter> op;
  private final Map<Class<?>, OutputTag<SpecificRecord>> tags;

  Demuxed(
      SingleOutputStreamOperator<DeadLetter> op, Map<Class<?>, OutputTag<SpecificRecord>> tags) {
    this.op = op;
    this.tags = tags;
  }

  /**
   * The decoded events of one class.
   *
   * @throws IllegalArgumentException when the class was not requested in the split
   */
  @SuppressWarnings("unchecked")
  public <T extends SpecificRecord> DataStream<T> of(Class<T> type) {
    OutputTag<SpecificRecord> tag = tags.get(type);
    if (tag == null) {
      throw new IllegalArgumentException(
          type.getSimpleName() + " was not requested; the split has " + tags.keySet());
    }
    return (DataStream<T>) (DataStream<?>) op.getSideOutput(tag);
  }

  /** Records that could not be decoded (reason undecodable, unknown-schema or processing-error). */
  public DataStream<DeadLetter> deadLetters() {
    return op;
  }
}
