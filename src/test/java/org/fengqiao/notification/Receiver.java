package org.fengqiao.notification;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A webhook receiver on a local port (com.sun.net.httpserver): answers each request with the status the
 * test sets, and keeps every request it saw with the status it answered. It can be stopped and started
 * again on the same port, as a receiver that goes down and comes back.
 */
final class Receiver implements AutoCloseable {

    record Request(String eventId, String eventType, String timestamp, String signature, String body, int answered) {
    }

    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile long delayMillis;
    private volatile long holdBodyMillis;
    private volatile boolean echoTarget;
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger maxInFlight = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
    /** While set, each request's answer waits for it to open ({@link #holdAnswers}, {@link #releaseAnswers}). */
    private volatile java.util.concurrent.CountDownLatch gate;
    private int port;
    private HttpServer server;

    Receiver() {
        start(0);
    }

    private void start(int onPort) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        port = server.getAddress().getPort();
        server.createContext("/hook", exchange -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                handle(exchange);
            } finally {
                inFlight.decrementAndGet();
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        server.start();
    }

    private void handle(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (delayMillis > 0) {
            try {
                closed.await(delayMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        java.util.concurrent.CountDownLatch held = gate;
        if (held != null) {
            try {
                held.await(1, java.util.concurrent.TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int answer = status;
        var h = exchange.getRequestHeaders();
        requests.add(new Request(h.getFirst("X-Fengqiao-Event-Id"), h.getFirst("X-Fengqiao-Event"),
                h.getFirst("X-Fengqiao-Timestamp"), h.getFirst("X-Fengqiao-Signature"),
                new String(body, StandardCharsets.UTF_8), answer));
        // a receiver that names the request it refuses, as many do: its query (a token) with it
        String refusal = echoTarget ? "boom: no route for " + exchange.getRequestURI() : "boom";
        byte[] reply = (answer >= 300 ? refusal : "ok").getBytes(StandardCharsets.UTF_8);
        long hold = holdBodyMillis;
        // holding the body back: the headers promise more than is sent, and the rest never comes in time
        exchange.sendResponseHeaders(answer, hold > 0 ? reply.length + 100 : reply.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply);
            if (hold > 0) {
                out.flush();
                try {
                    closed.await(hold, java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        } catch (IOException e) {
            // the body left short
        }
    }

    String url() {
        return "http://127.0.0.1:" + port + "/hook";
    }

    void answer(int status) {
        this.status = status;
    }

    void delay(long millis) {
        this.delayMillis = millis;
    }

    /**
     * Holds every answer, as a receiver slow to answer, until {@link #releaseAnswers} (or until closed): a test then
     * knows the answer is still awaited for as long as it likes, without reckoning with how long anything takes.
     */
    void holdAnswers() {
        gate = new java.util.concurrent.CountDownLatch(1);
    }

    /** The answers held are given, and the later ones at once. */
    void releaseAnswers() {
        java.util.concurrent.CountDownLatch held = gate;
        gate = null;
        if (held != null) {
            held.countDown();
        }
    }

    /** How many requests it is answering now (a held answer among them). */
    int inFlight() {
        return inFlight.get();
    }

    /** Answers the headers at once, then holds the rest of the body back this long (0: sends it whole). */
    void holdBody(long millis) {
        this.holdBodyMillis = millis;
    }

    /** Refuses (an answer of 300 or more) naming the request's target, its query included. */
    void echoTarget(boolean echo) {
        this.echoTarget = echo;
    }

    /** The most requests it was answering at one time. */
    int maxInFlight() {
        return maxInFlight.get();
    }

    void stop() {
        server.stop(0);
    }

    void restart() {
        start(port);
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** How many times each event id was accepted (answered 2xx). */
    Map<String, Long> accepted() {
        return requests.stream().filter(r -> r.answered() >= 200 && r.answered() < 300)
                .collect(Collectors.groupingBy(Request::eventId, Collectors.counting()));
    }

    <T> List<T> map(Function<Request, T> f) {
        return requests.stream().map(f).toList();
    }

    @Override
    public void close() {
        closed.countDown();
        releaseAnswers();
        server.stop(0);
    }
}
