package dev.eventagent.tools.neo4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A server that is not there yet: a port on 127.0.0.1 where nothing listens until
 * {@link #start()}, after which every connection is forwarded to a target port. Lets a test
 * start the plugin while its "server" is down and bring it up later.
 */
final class LateTcpForwarder implements AutoCloseable {

    private final int port = FailuresTest.freePort();
    private final int target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private ServerSocket server;

    LateTcpForwarder(int target) {
        this.target = target;
    }

    /**
     * The port clients use.
     *
     * @return the port
     */
    int port() {
        return port;
    }

    /** Starts listening and forwarding. */
    void start() {
        try {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "late-forwarder-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // the other side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "late-forwarder-pump");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        if (server != null) {
            closeQuietly(server);
        }
        sockets.forEach(LateTcpForwarder::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed
        }
    }
}
