package org.allianceportal.bench.pages;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A TCP relay between the portal and PostgreSQL that counts the SQL statements the portal sends, read off
 * the wire protocol: one per Bind (an execution of a prepared or unnamed statement; further Executes on the
 * same portal only fetch more rows) and one per simple Query. Transaction control (BEGIN, COMMIT, ROLLBACK,
 * SAVEPOINT, SET, SHOW) and empty validation queries are not counted. It sees what the database sees,
 * whatever the portal's code does (Hibernate, native SQL, plain JDBC), and needs nothing in the portal.
 *
 * <p>It refuses TLS (answers 'N' to the driver's SSL and GSS requests), so it is for a local benchmark only.
 */
final class StatementCounter implements AutoCloseable {

    private static final int SSL_REQUEST = 80877103;
    private static final int GSS_REQUEST = 80877104;

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final List<String> statements = new ArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();
    private volatile boolean closed;

    StatementCounter(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "statement-counter");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Forgets what was counted so far. */
    synchronized void reset() {
        statements.clear();
    }

    /** The statements counted since the last reset, in the order they reached the relay. */
    synchronized List<String> statements() {
        return List.copyOf(statements);
    }

    private synchronized void counted(String sql) {
        statements.add(sql);
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket database = new Socket(targetHost, targetPort);
                client.setTcpNoDelay(true);
                database.setTcpNoDelay(true);
                synchronized (sockets) {
                    sockets.add(client);
                    sockets.add(database);
                }
                start("to-database", () -> clientToDatabase(client, database));
                start("to-portal", () -> copy(database, client));
            } catch (IOException e) {
                if (!closed) {
                    System.out.println("[pages] statement counter: " + e);
                }
            }
        }
    }

    private static void start(String name, Runnable work) {
        Thread thread = new Thread(work, "statement-counter " + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Relays the frontend's messages one by one, noting each statement executed. */
    private void clientToDatabase(Socket client, Socket database) {
        try (client; database) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(client.getInputStream(), 65536));
            OutputStream toDatabase = new BufferedOutputStream(database.getOutputStream(), 65536);
            OutputStream toClient = client.getOutputStream();
            // Start-up packets have no type byte; the driver may first ask for TLS or GSS encryption.
            while (true) {
                int length = in.readInt();
                byte[] body = in.readNBytes(length - 4);
                int code = length >= 8 ? ((body[0] & 0xff) << 24 | (body[1] & 0xff) << 16 | (body[2] & 0xff) << 8 | (body[3] & 0xff)) : 0;
                if (code == SSL_REQUEST || code == GSS_REQUEST) {
                    toClient.write('N');
                    toClient.flush();
                    continue;
                }
                writeInt(toDatabase, length);
                toDatabase.write(body);
                toDatabase.flush();
                break;
            }
            Map<String, String> prepared = new HashMap<>();
            while (true) {
                int type = in.read();
                if (type < 0) {
                    return;
                }
                int length = in.readInt();
                byte[] body = in.readNBytes(length - 4);
                if (body.length != length - 4) {
                    throw new EOFException();
                }
                switch (type) {
                    case 'P' -> { // Parse: statement name, query text
                        int end = indexOf(body, 0);
                        prepared.put(string(body, 0, end), string(body, end + 1, indexOf(body, end + 1)));
                    }
                    case 'B' -> { // Bind: portal name, statement name
                        int end = indexOf(body, 0);
                        note(prepared.getOrDefault(string(body, end + 1, indexOf(body, end + 1)), "?"));
                    }
                    case 'Q' -> note(string(body, 0, indexOf(body, 0)));
                    default -> {
                    }
                }
                toDatabase.write(type);
                writeInt(toDatabase, length);
                toDatabase.write(body);
                if (in.available() == 0) {
                    toDatabase.flush();
                }
            }
        } catch (IOException e) {
            // the portal or the database closed the connection
        }
    }

    private void note(String sql) {
        String statement = sql.strip();
        String word = statement.split("\\s", 2)[0].toUpperCase(Locale.ROOT);
        switch (word) {
            case "", "BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "SET", "SHOW" -> {
            }
            default -> counted(statement);
        }
    }

    private static void copy(Socket from, Socket to) {
        try (from; to) {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) >= 0;) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // closed by either side
        }
    }

    private static int indexOf(byte[] body, int from) {
        for (int i = from; i < body.length; i++) {
            if (body[i] == 0) {
                return i;
            }
        }
        return body.length;
    }

    private static String string(byte[] body, int from, int to) {
        return new String(body, from, Math.max(0, to - from), StandardCharsets.UTF_8);
    }

    private static void writeInt(OutputStream out, int value) throws IOException {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        synchronized (sockets) {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }
}
