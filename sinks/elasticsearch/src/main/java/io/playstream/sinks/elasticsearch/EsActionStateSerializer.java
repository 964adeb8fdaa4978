package io.playstream.sinks.elasticsearch;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriterStateSerializer;

/**
 * Writes buffered actions into a checkpoint (only used with {@code flush-on-checkpoint=false}, or
 * when a checkpoint happens while actions wait for a retry). Version 1 layout per action: op type,
 * index, id, document, version, attempt, then the origin if any.
 */
public final class EsActionStateSerializer extends AsyncSinkWriterStateSerializer<EsAction> {
  private static final int VERSION = 1;

  @Override
  protected void serializeRequestToStream(EsAction a, DataOutputStream out) throws IOException {
    out.writeByte(a.getOpType().ordinal());
    out.writeUTF(a.getIndex());
    out.writeUTF(a.getId());
    writeBytes(out, a.getDocument());
    out.writeLong(a.getVersion());
    out.writeInt(a.getAttempt());
    RecordOrigin o = a.getOrigin();
    out.writeBoolean(o != null);
    if (o != null) {
      out.writeUTF(o.getTopic() == null ? "" : o.getTopic());
      out.writeInt(o.getPartition());
      out.writeLong(o.getOffset());
      writeBytes(out, o.getKey());
      writeBytes(out, o.getValue());
      out.writeInt(o.getHeaderKeys().length);
      for (int i = 0; i < o.getHeaderKeys().length; i++) {
        out.writeUTF(o.getHeaderKeys()[i]);
        writeBytes(out, o.getHeaderValues()[i]);
      }
    }
  }

  @Override
  protected EsAction deserializeRequestFromStream(long requestSize, DataInputStream in)
      throws IOException {
    EsAction a = new EsAction();
    a.setOpType(EsAction.OpType.values()[in.readByte()]);
    a.setIndex(in.readUTF());
    a.setId(in.readUTF());
    a.setDocument(readBytes(in));
    a.setVersion(in.readLong());
    a.setAttempt(in.readInt());
    if (in.readBoolean()) {
      RecordOrigin o = new RecordOrigin();
      o.setTopic(in.readUTF());
      o.setPartition(in.readInt());
      o.setOffset(in.readLong());
      o.setKey(readBytes(in));
      o.setValue(readBytes(in));
      int n = in.readInt();
      String[] keys = new String[n];
      byte[][] values = new byte[n][];
      for (int i = 0; i < n; i++) {
        keys[i] = in.readUTF();
        values[i] = readBytes(in);
      }
      o.setHeaderKeys(keys);
      o.setHeaderValues(values);
      a.setOrigin(o);
    }
    return a;
  }

  @Override
  public int getVersion() {
    return VERSION;
  }

  private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
    if (bytes == null) {
      out.writeInt(-1);
    } else {
      out.writeInt(bytes.length);
      out.write(bytes);
    }
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return b;
  }
}
