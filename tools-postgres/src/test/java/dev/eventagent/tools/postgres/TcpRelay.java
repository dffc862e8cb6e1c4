package dev.eventagent.tools.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on 127.0.0.1 in front of a real server, for tests of a server that is not there yet
 * or goes away: its port is chosen at once but nothing listens there (connections are refused)
 * until {@link #open()}; then every connection is piped to the target port. {@link #shut()}
 * closes the listener and every piped connection, as a stopped server would.
 */
final class TcpRelay implements AutoCloseable {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final int port;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private ServerSocket listener; // guarded by this

    private TcpRelay(int port, int targetPort) {
        this.port = port;
        this.targetPort = targetPort;
    }

    /**
     * A relay to a port, on a free port where nothing listens yet.
     *
     * @param targetPort the server's port on 127.0.0.1
     * @return the relay, not open
     */
    static TcpRelay to(int targetPort) {
        return new TcpRelay(freePort(), targetPort);
    }

    /**
     * A port on 127.0.0.1 where nothing listens (just bound and released).
     *
     * @return the port
     */
    static int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, LOOPBACK)) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    /**
     * The relay's port.
     *
     * @return the port
     */
    int port() {
        return port;
    }

    /** Starts listening and piping connections to the target. */
    synchronized void open() {
        if (listener != null) {
            return;
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(LOOPBACK, port), 50);
            listener = socket;
            daemon("tcp-relay-accept-" + port, () -> accept(socket));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
    }

    /** Stops listening and cuts every piped connection. */
    synchronized void shut() {
        if (listener != null) {
            closeQuietly(listener);
            listener = null;
        }
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
        sockets.clear();
    }

    @Override
    public void close() {
        shut();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                continue; // shut() closed the listener, or one accept failed
            }
            try {
                Socket server = new Socket(LOOPBACK, targetPort);
                sockets.add(client);
                sockets.add(server);
                daemon("tcp-relay-up-" + port, () -> pipe(client, server));
                daemon("tcp-relay-down-" + port, () -> pipe(server, client));
            } catch (IOException e) {
                closeQuietly(client); // the target is down: the client sees the connection drop
            }
        }
    }

    private static void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            byte[] buffer = new byte[16 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (SocketException e) {
            // the other side or shut() closed the connection
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing what is already broken
        }
    }
}
