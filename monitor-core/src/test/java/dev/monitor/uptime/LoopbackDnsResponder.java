package dev.monitor.uptime;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A small authoritative DNS responder on loopback UDP for tests, built with dnsjava's message classes: it answers
 * from a map of (name, type) to records, NXDOMAIN for names it has no record of, SERVFAIL in that mode, and
 * nothing at all in the silent mode (for timeouts).
 */
final class LoopbackDnsResponder implements AutoCloseable {

    /** How the responder answers. */
    enum Mode { ANSWER, SERVFAIL, SILENT }

    private final DatagramSocket socket;
    private final Thread thread;
    private final Map<String, List<Record>> records = new ConcurrentHashMap<>();
    private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.ANSWER);
    private final AtomicInteger queries = new AtomicInteger();

    LoopbackDnsResponder() throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = new Thread(this::serve, "loopback-dns");
        thread.setDaemon(true);
        thread.start();
    }

    /** Answers queries of {@code name} and the type of the records with {@code answer} (replacing earlier ones). */
    void answer(String name, int type, Record... answer) {
        records.put(key(name, type), List.of(answer));
    }

    /** Records of a name that exists: it answers NOERROR with no records of other types. */
    static Name name(String name) {
        try {
            return Name.fromString(name, Name.root);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    void mode(Mode next) {
        mode.set(next);
    }

    int queries() {
        return queries.get();
    }

    int port() {
        return socket.getLocalPort();
    }

    private static String key(String name, int type) {
        return name(name).toString().toLowerCase(java.util.Locale.ROOT) + '/' + Type.string(type);
    }

    private void serve() {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                queries.incrementAndGet();
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                Mode current = mode.get();
                if (current == Mode.SILENT) {
                    continue;
                }
                byte[] answer = respond(query, current).toWire(512);
                socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
            } catch (IOException e) {
                // closed, or a malformed packet: go on until closed
            }
        }
    }

    private Message respond(Message query, Mode current) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        Record question = query.getQuestion();
        response.addRecord(question, Section.QUESTION);
        if (current == Mode.SERVFAIL) {
            response.getHeader().setRcode(Rcode.SERVFAIL);
            return response;
        }
        String name = question.getName().toString().toLowerCase(java.util.Locale.ROOT);
        List<Record> answer = records.get(name + '/' + Type.string(question.getType()));
        boolean exists = records.keySet().stream().anyMatch(key -> key.startsWith(name + '/'));
        if (!exists) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
            return response;
        }
        if (answer != null && question.getDClass() == DClass.IN) {
            answer.forEach(record -> response.addRecord(record, Section.ANSWER));
        }
        return response;
    }

    @Override
    public void close() {
        socket.close();
    }
}
