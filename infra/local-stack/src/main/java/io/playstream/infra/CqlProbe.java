package io.playstream.infra;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Asks a Cassandra node over the CQL native protocol (version 4) for its release version: {@code
 * STARTUP}, then {@code SELECT release_version FROM system.local}. A node that answers this serves
 * CQL queries, which is what the launcher waits for.
 *
 * <p>The few frames needed are written here instead of taking the Java driver (Netty, Guava and
 * more) onto the classpath of the CLI and of every module that starts a node. Protocol reference:
 * {@code native_protocol_v4.spec} in the Cassandra sources.
 */
final class CqlProbe {
  static final String QUERY = "SELECT release_version FROM system.local";

  static final byte VERSION_REQUEST = 0x04;
  static final byte VERSION_RESPONSE = (byte) 0x84;
  static final byte OP_ERROR = 0x00;
  static final byte OP_STARTUP = 0x01;
  static final byte OP_READY = 0x02;
  static final byte OP_AUTHENTICATE = 0x03;
  static final byte OP_QUERY = 0x07;
  static final byte OP_RESULT = 0x08;
  static final int RESULT_ROWS = 0x0002;
  static final short CONSISTENCY_ONE = 0x0001;
  private static final int MAX_BODY = 1 << 20;

  private CqlProbe() {}

  /**
   * The node's {@code release_version}.
   *
   * @throws IOException when nothing listens, the connection breaks, or the node answers with an
   *     error (the message carries it) or something that is not CQL
   */
  static String releaseVersion(String host, int port, Duration timeout) throws IOException {
    try (Socket socket = new Socket()) {
      int millis = (int) Math.max(1, timeout.toMillis());
      socket.connect(new InetSocketAddress(host, port), millis);
      socket.setSoTimeout(millis);
      OutputStream out = socket.getOutputStream();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      out.write(startupFrame(0));
      out.flush();
      Frame ready = readFrame(in);
      if (ready.opcode() == OP_AUTHENTICATE) {
        throw new IOException("the node asks for authentication; the probe has no credentials");
      }
      expect(ready, OP_READY);
      out.write(queryFrame(1, QUERY));
      out.flush();
      Frame result = readFrame(in);
      expect(result, OP_RESULT);
      return singleTextCell(result.body());
    }
  }

  /** A decoded response frame. */
  record Frame(byte version, short stream, byte opcode, byte[] body) {}

  static byte[] startupFrame(int stream) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    DataOutputStream b = new DataOutputStream(body);
    try {
      b.writeShort(1);
      writeString(b, "CQL_VERSION");
      writeString(b, "3.0.0");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return frame(stream, OP_STARTUP, body.toByteArray());
  }

  static byte[] queryFrame(int stream, String query) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    DataOutputStream b = new DataOutputStream(body);
    try {
      byte[] q = query.getBytes(StandardCharsets.UTF_8);
      b.writeInt(q.length);
      b.write(q);
      b.writeShort(CONSISTENCY_ONE);
      b.writeByte(0); // no query flags: no values, default page size
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return frame(stream, OP_QUERY, body.toByteArray());
  }

  static byte[] frame(int stream, byte opcode, byte[] body) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(9 + body.length);
    DataOutputStream f = new DataOutputStream(bytes);
    try {
      f.writeByte(VERSION_REQUEST);
      f.writeByte(0); // flags: no compression, no tracing
      f.writeShort(stream);
      f.writeByte(opcode);
      f.writeInt(body.length);
      f.write(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return bytes.toByteArray();
  }

  static Frame readFrame(InputStream stream) throws IOException {
    DataInputStream in = new DataInputStream(stream);
    byte version = in.readByte();
    if (version != VERSION_RESPONSE) {
      throw new IOException(
          String.format("not a CQL v4 response (version byte 0x%02x)", version & 0xff));
    }
    in.readByte(); // flags
    short streamId = in.readShort();
    byte opcode = in.readByte();
    int length = in.readInt();
    if (length < 0 || length > MAX_BODY) {
      throw new IOException("implausible CQL frame length " + length);
    }
    byte[] body = new byte[length];
    in.readFully(body);
    return new Frame(version, streamId, opcode, body);
  }

  private static void expect(Frame frame, byte opcode) throws IOException {
    if (frame.opcode() == OP_ERROR) {
      DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(frame.body()));
      int code = in.readInt();
      throw new IOException(
          String.format("the node answered with error 0x%04x: %s", code, readString(in)));
    }
    if (frame.opcode() != opcode) {
      throw new IOException(
          String.format("expected CQL opcode 0x%02x, got 0x%02x", opcode, frame.opcode()));
    }
  }

  /** The first cell of the first row of a {@code Rows} result, as text (null for a null cell). */
  static String singleTextCell(byte[] body) throws IOException {
    DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(body));
    int kind = in.readInt();
    if (kind != RESULT_ROWS) {
      throw new IOException("expected a Rows result, got kind " + kind);
    }
    int flags = in.readInt();
    int columns = in.readInt();
    if ((flags & 0x0002) != 0) {
      readBytes(in); // paging state
    }
    if ((flags & 0x0004) == 0) {
      boolean globalSpec = (flags & 0x0001) != 0;
      if (globalSpec) {
        readString(in);
        readString(in);
      }
      for (int c = 0; c < columns; c++) {
        if (!globalSpec) {
          readString(in);
          readString(in);
        }
        readString(in); // column name
        skipType(in);
      }
    }
    int rows = in.readInt();
    if (rows < 1 || columns < 1) {
      throw new IOException("the result has no rows");
    }
    byte[] cell = readBytes(in);
    return cell == null ? null : new String(cell, StandardCharsets.UTF_8);
  }

  private static void skipType(DataInputStream in) throws IOException {
    int id = in.readUnsignedShort();
    switch (id) {
      case 0x0000 -> readString(in); // custom type: class name
      case 0x0020, 0x0022 -> skipType(in); // list, set
      case 0x0021 -> { // map
        skipType(in);
        skipType(in);
      }
      default -> {
        if (id > 0x0022) {
          throw new IOException(String.format("unsupported column type 0x%04x", id));
        }
      }
    }
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeShort(b.length);
    out.write(b);
  }

  private static String readString(DataInputStream in) throws IOException {
    int n = in.readUnsignedShort();
    byte[] b = new byte[n];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
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
