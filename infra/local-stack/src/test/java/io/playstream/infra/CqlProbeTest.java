package io.playstream.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class CqlProbeTest {

  @Test
  void startupFrameIsAVersion4StartupWithTheCqlVersion() throws IOException {
    byte[] frame = CqlProbe.startupFrame(0);
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(frame));

    assertThat(in.readByte()).isEqualTo((byte) 0x04);
    assertThat(in.readByte()).isZero();
    assertThat(in.readShort()).isZero();
    assertThat(in.readByte()).isEqualTo(CqlProbe.OP_STARTUP);
    assertThat(in.readInt()).isEqualTo(frame.length - 9);
    assertThat(in.readShort()).isEqualTo((short) 1);
    assertThat(readString(in)).isEqualTo("CQL_VERSION");
    assertThat(readString(in)).isEqualTo("3.0.0");
  }

  @Test
  void queryFrameCarriesTheQueryAndConsistencyOne() throws IOException {
    byte[] frame = CqlProbe.queryFrame(7, CqlProbe.QUERY);
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(frame));
    in.skipBytes(2);

    assertThat(in.readShort()).isEqualTo((short) 7);
    assertThat(in.readByte()).isEqualTo(CqlProbe.OP_QUERY);
    in.readInt();
    byte[] q = new byte[in.readInt()];
    in.readFully(q);
    assertThat(new String(q, StandardCharsets.UTF_8)).isEqualTo(CqlProbe.QUERY);
    assertThat(in.readShort()).isEqualTo(CqlProbe.CONSISTENCY_ONE);
    assertThat(in.readByte()).isZero();
  }

  @Test
  void readsTheCellOfARowsResultWithGlobalTableSpec() throws IOException {
    assertThat(CqlProbe.singleTextCell(rowsResult("5.0.4"))).isEqualTo("5.0.4");
  }

  @Test
  void talksToAServerThatAnswersLikeCassandra() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName(Ports.LOOPBACK))) {
      CompletableFuture<Void> fake =
          CompletableFuture.runAsync(
              () -> {
                try (Socket s = server.accept()) {
                  InputStream in = s.getInputStream();
                  OutputStream out = s.getOutputStream();
                  CqlProbe.Frame startup = readRequest(in);
                  assertThat(startup.opcode()).isEqualTo(CqlProbe.OP_STARTUP);
                  out.write(response(startup.stream(), CqlProbe.OP_READY, new byte[0]));
                  CqlProbe.Frame query = readRequest(in);
                  assertThat(query.opcode()).isEqualTo(CqlProbe.OP_QUERY);
                  out.write(response(query.stream(), CqlProbe.OP_RESULT, rowsResult("5.0.4")));
                  out.flush();
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              });

      String version =
          CqlProbe.releaseVersion(Ports.LOOPBACK, server.getLocalPort(), Duration.ofSeconds(5));

      assertThat(version).isEqualTo("5.0.4");
      fake.join();
    }
  }

  @Test
  void anErrorAnswerFailsWithItsMessage() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName(Ports.LOOPBACK))) {
      CompletableFuture.runAsync(
          () -> {
            try (Socket s = server.accept()) {
              CqlProbe.Frame startup = readRequest(s.getInputStream());
              ByteArrayOutputStream body = new ByteArrayOutputStream();
              DataOutputStream b = new DataOutputStream(body);
              b.writeInt(0x1001);
              writeString(b, "Server is bootstrapping");
              s.getOutputStream()
                  .write(response(startup.stream(), CqlProbe.OP_ERROR, body.toByteArray()));
              s.getOutputStream().flush();
              s.getInputStream().read();
            } catch (IOException e) {
              throw new IllegalStateException(e);
            }
          });

      assertThatThrownBy(
              () ->
                  CqlProbe.releaseVersion(
                      Ports.LOOPBACK, server.getLocalPort(), Duration.ofSeconds(5)))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("0x1001")
          .hasMessageContaining("Server is bootstrapping");
    }
  }

  @Test
  void somethingThatIsNotCqlIsRejected() {
    byte[] http = "HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    assertThatThrownBy(() -> CqlProbe.readFrame(new ByteArrayInputStream(http)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a CQL v4 response");
  }

  private static CqlProbe.Frame readRequest(InputStream stream) throws IOException {
    DataInputStream in = new DataInputStream(stream);
    byte version = in.readByte();
    in.readByte();
    short id = in.readShort();
    byte opcode = in.readByte();
    byte[] body = new byte[in.readInt()];
    in.readFully(body);
    return new CqlProbe.Frame(version, id, opcode, body);
  }

  private static byte[] response(short stream, byte opcode, byte[] body) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream f = new DataOutputStream(bytes);
    f.writeByte(CqlProbe.VERSION_RESPONSE);
    f.writeByte(0);
    f.writeShort(stream);
    f.writeByte(opcode);
    f.writeInt(body.length);
    f.write(body);
    return bytes.toByteArray();
  }

  private static byte[] rowsResult(String value) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream b = new DataOutputStream(bytes);
    b.writeInt(CqlProbe.RESULT_ROWS);
    b.writeInt(0x0001); // global table spec
    b.writeInt(1);
    writeString(b, "system");
    writeString(b, "local");
    writeString(b, "release_version");
    b.writeShort(0x000D); // varchar
    b.writeInt(1);
    byte[] v = value.getBytes(StandardCharsets.UTF_8);
    b.writeInt(v.length);
    b.write(v);
    return bytes.toByteArray();
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeShort(b.length);
    out.write(b);
  }

  private static String readString(DataInputStream in) throws IOException {
    byte[] b = new byte[in.readUnsignedShort()];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }
}
