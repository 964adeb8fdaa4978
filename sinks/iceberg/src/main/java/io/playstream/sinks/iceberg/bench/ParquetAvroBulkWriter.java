package io.playstream.sinks.iceberg.bench;

import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A Flink {@link BulkWriter} that writes Avro records as Parquet with parquet-avro, the way {@code
 * flink-parquet}'s {@code AvroParquetWriters} does ({@code flink-parquet} is not served here). The
 * baseline of the Iceberg sink benchmark.
 */
public final class ParquetAvroBulkWriter<T> implements BulkWriter<T> {
  private final ParquetWriter<T> writer;

  private ParquetAvroBulkWriter(ParquetWriter<T> writer) {
    this.writer = writer;
  }

  /**
   * A factory writing records of a generated class (its own {@code SpecificData}, so logical types
   * such as timestamp-millis convert) with the given codec.
   */
  public static <T> BulkWriter.Factory<T> forSpecificRecord(
      Class<T> type, CompressionCodecName codec) {
    String schemaJson = SpecificData.get().getSchema(type).toString();
    return out -> {
      Schema schema = new Schema.Parser().parse(schemaJson);
      ParquetWriter<T> w =
          AvroParquetWriter.<T>builder(new StreamOutputFile(out))
              .withSchema(schema)
              .withDataModel(SpecificData.getForClass(type))
              .withCompressionCodec(codec)
              .build();
      return new ParquetAvroBulkWriter<>(w);
    };
  }

  @Override
  public void addElement(T element) throws IOException {
    writer.write(element);
  }

  @Override
  public void flush() {
    // Parquet buffers a whole row group; it is written out on finish
  }

  @Override
  public void finish() throws IOException {
    writer.close();
  }

  /** A Parquet output file over Flink's stream; closing it leaves the stream to Flink. */
  private static final class StreamOutputFile implements OutputFile {
    private final FSDataOutputStream out;

    StreamOutputFile(FSDataOutputStream out) {
      this.out = out;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) {
      return new PositionOutputStream() {
        @Override
        public long getPos() throws IOException {
          return out.getPos();
        }

        @Override
        public void write(int b) throws IOException {
          out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
          out.flush();
        }

        @Override
        public void close() {
          // the FileSink owns the stream and closes it when it commits the part file
        }
      };
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) {
      return create(blockSizeHint);
    }

    @Override
    public boolean supportsBlockSize() {
      return false;
    }

    @Override
    public long defaultBlockSize() {
      return 0;
    }
  }
}
