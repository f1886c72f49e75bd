package io.github.convai4j.it.conversation;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A WebSocket server on loopback that misbehaves, on raw sockets (no library to be polite for it): it completes
 * the handshake, reads the client's first message, answers {@code conversation_initiation_metadata}, and then
 * never reads again while it does one of the {@link Behaviour}s. Its sockets have a small receive buffer, so that
 * what the client sends backs up soon.
 */
final class HostilePeer implements AutoCloseable {

    enum Behaviour {
        /** Sends WebSocket ping frames (125-byte payload) as fast as the socket takes them. */
        CONTROL_PINGS,
        /** Sends the protocol's JSON {@code ping} events as fast as the socket takes them. */
        JSON_PINGS,
        /** Sends nothing more. */
        SILENT,
        /** Sends one text frame that announces 100 MB, and streams its payload. */
        HUGE_FRAME
    }

    static final long HUGE_FRAME_BYTES = 100L * 1024 * 1024;
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final Behaviour behaviour;
    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicLong framesSent = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private volatile boolean stopped;

    HostilePeer(Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        this.server = new ServerSocket();
        server.setReceiveBufferSize(8 * 1024); // accepted sockets inherit it
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread acceptor = new Thread(this::accept, "hostile-peer-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The base URL a client is given; the conversation WebSocket is below it. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    long framesSent() {
        return framesSent.get();
    }

    long bytesSent() {
        return bytesSent.get();
    }

    @Override
    public void close() throws IOException {
        stopped = true;
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    private void accept() {
        while (!stopped) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException closed) {
                return;
            }
            sockets.add(socket);
            Thread connection = new Thread(() -> serve(socket), "hostile-peer-" + behaviour);
            connection.setDaemon(true);
            connection.start();
        }
    }

    private void serve(Socket socket) {
        try (Socket s = socket) {
            InputStream in = s.getInputStream();
            OutputStream out = new BufferedOutputStream(s.getOutputStream(), 64 * 1024);
            handshake(in, out);
            readFrame(in); // conversation_initiation_client_data; nothing is read after it
            writeFrame(out, 0x1, ("{\"type\":\"conversation_initiation_metadata\",\"conversation_initiation_metadata_event\":"
                    + "{\"conversation_id\":\"conv_hostile\",\"agent_output_audio_format\":\"pcm_16000\","
                    + "\"user_input_audio_format\":\"pcm_16000\"}}").getBytes(StandardCharsets.UTF_8));
            out.flush();
            switch (behaviour) {
                case CONTROL_PINGS:
                    byte[] payload = new byte[125];
                    Arrays.fill(payload, (byte) 'p');
                    while (!stopped) {
                        writeFrame(out, 0x9, payload);
                    }
                    break;
                case JSON_PINGS:
                    for (long id = 1; !stopped; id++) {
                        writeFrame(out, 0x1, ("{\"type\":\"ping\",\"ping_event\":{\"event_id\":" + id
                                + ",\"ping_ms\":null}}").getBytes(StandardCharsets.UTF_8));
                    }
                    break;
                case HUGE_FRAME:
                    out.write(new byte[] {(byte) 0x81, 127});
                    for (int shift = 56; shift >= 0; shift -= 8) {
                        out.write((int) (HUGE_FRAME_BYTES >>> shift) & 0xFF);
                    }
                    byte[] chunk = new byte[64 * 1024];
                    Arrays.fill(chunk, (byte) 'a');
                    for (long sent = 0; sent < HUGE_FRAME_BYTES && !stopped; sent += chunk.length) {
                        out.write(chunk);
                        bytesSent.addAndGet(chunk.length);
                    }
                    out.flush();
                    idle();
                    break;
                default:
                    idle();
            }
        } catch (IOException peerGone) {
            // the client closed or aborted: what this peer waits for
        }
    }

    private void idle() {
        while (!stopped) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void writeFrame(OutputStream out, int opcode, byte[] payload) throws IOException {
        out.write(0x80 | opcode);
        if (payload.length < 126) {
            out.write(payload.length);
        } else {
            out.write(126);
            out.write(payload.length >> 8);
            out.write(payload.length & 0xFF);
        }
        out.write(payload);
        framesSent.incrementAndGet();
        bytesSent.addAndGet(payload.length + 4);
        if (framesSent.get() % 256 == 0) {
            out.flush();
        }
    }

    private static void handshake(InputStream in, OutputStream out) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0 || head.size() > 64 * 1024) {
                throw new IOException("no handshake");
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String key = null;
        for (String line : head.toString("ISO-8859-1").split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("sec-websocket-key:")) {
                key = line.substring(line.indexOf(':') + 1).trim();
            }
        }
        if (key == null) {
            throw new IOException("no Sec-WebSocket-Key");
        }
        String accept;
        try {
            accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1)));
        } catch (NoSuchAlgorithmException e) {
            throw new IOException(e);
        }
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Reads one (masked) client frame and returns its payload. */
    private static byte[] readFrame(InputStream in) throws IOException {
        int b0 = read(in);
        int b1 = read(in);
        long length = b1 & 0x7F;
        if (length == 126) {
            length = (read(in) << 8) | read(in);
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | read(in);
            }
        }
        byte[] mask = new byte[4];
        if ((b1 & 0x80) != 0) {
            for (int i = 0; i < 4; i++) {
                mask[i] = (byte) read(in);
            }
        }
        byte[] payload = new byte[(int) length];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (read(in) ^ mask[i % 4]);
        }
        if ((b0 & 0x0F) == 0x8) {
            throw new IOException("the client closed");
        }
        return payload;
    }

    private static int read(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new IOException("end of stream");
        }
        return b;
    }
}
