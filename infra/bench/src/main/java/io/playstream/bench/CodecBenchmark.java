package io.playstream.bench;

import io.playstream.events.PlaybackHeartbeat;
import io.playstream.schemas.EventCodec;
import io.playstream.schemas.SampleEvents;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Encode + decode of one heartbeat: our single-object codec (header, fingerprint lookup, schema
 * resolution) against plain Avro binary encoding of the same record with the same reuse of writers,
 * readers, encoders and buffers (the fastest way plain Avro is normally used).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CodecBenchmark {
  private final EventCodec codec = EventCodec.standard();
  private PlaybackHeartbeat event;

  private final SpecificDatumWriter<PlaybackHeartbeat> plainWriter =
      new SpecificDatumWriter<>(PlaybackHeartbeat.class);
  private final SpecificDatumReader<PlaybackHeartbeat> plainReader =
      new SpecificDatumReader<>(PlaybackHeartbeat.class);
  private final ByteArrayOutputStream plainOut = new ByteArrayOutputStream(512);
  private BinaryEncoder plainEncoder;
  private BinaryDecoder plainDecoder;

  @Setup
  public void setUp() {
    event = SampleEvents.heartbeat();
  }

  /** Ours: single-object encode, then decode through the schema catalog. */
  @Benchmark
  public Object ours() {
    return codec.decode(codec.encode(event));
  }

  /** Baseline: plain Avro binary encode and decode of the same record, no header. */
  @Benchmark
  public Object baseline() throws IOException {
    plainOut.reset();
    plainEncoder = EncoderFactory.get().directBinaryEncoder(plainOut, plainEncoder);
    plainWriter.write(event, plainEncoder);
    plainEncoder.flush();
    byte[] bytes = plainOut.toByteArray();
    plainDecoder = DecoderFactory.get().binaryDecoder(bytes, plainDecoder);
    return plainReader.read(null, plainDecoder);
  }
}
