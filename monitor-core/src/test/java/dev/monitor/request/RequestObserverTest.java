package dev.monitor.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class RequestObserverTest {

    private final RequestMonitor monitor = RequestMonitor.builder().build();
    private final List<String> calls = new CopyOnWriteArrayList<>();

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    /** Records start and close with the thread and the MDC request ID seen at that moment. */
    private RequestObserver recording(String name) {
        return request -> {
            calls.add(name + " start " + request.requestId() + " " + request.method() + " mdc=" + RequestContext.currentRequestId()
                    + " thread=" + Thread.currentThread().getName());
            return () -> calls.add(name + " close mdc=" + RequestContext.currentRequestId() + " thread="
                    + Thread.currentThread().getName());
        };
    }

    @Test
    void theScopeIsOpenedAtStartAndClosedAtEndOnTheRequestThreadWithTheRequestIdInTheMdc() {
        monitor.addObserver(recording("a"));
        String thread = Thread.currentThread().getName();
        TrackedRequest request = monitor.start("GET", "obs-1", null);
        assertThat(calls).containsExactly("a start obs-1 GET mdc=obs-1 thread=" + thread);
        request.end(200);
        assertThat(calls).containsExactly("a start obs-1 GET mdc=obs-1 thread=" + thread, "a close mdc=obs-1 thread=" + thread);
        assertThat(MDC.get(RequestContext.REQUEST_ID_KEY)).isNull();
    }

    @Test
    void theScopeIsClosedWhenTheHandlerThrew() {
        monitor.addObserver(recording("a"));
        TrackedRequest request = monitor.start("GET", "obs-2", null);
        request.failed(new IllegalStateException("handler threw"));
        request.end(500);
        assertThat(calls).hasSize(2).last().asString().startsWith("a close mdc=obs-2");
    }

    @Test
    void scopesAreClosedInReverseOrder() {
        monitor.addObserver(recording("a"));
        monitor.addObserver(recording("b"));
        monitor.start("GET", "obs-3", null).end(200);
        assertThat(calls).extracting(call -> call.substring(0, call.indexOf(" mdc") > 0 ? call.indexOf(" mdc") : call.length()))
                .containsExactly("a start obs-3 GET", "b start obs-3 GET", "b close", "a close");
    }

    @Test
    void forAnAsynchronousRequestTheScopeIsClosedOnTheRequestThreadWhenItHandsTheRequestOver() throws Exception {
        monitor.addObserver(recording("a"));
        String requestThread = Thread.currentThread().getName();
        TrackedRequest request = monitor.start("GET", "obs-4", null);
        request.detach();
        assertThat(calls).containsExactly("a start obs-4 GET mdc=obs-4 thread=" + requestThread,
                "a close mdc=obs-4 thread=" + requestThread);

        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            other.submit(() -> {
                request.attach(); // async re-dispatch: the observer is not called again
                request.detach();
                request.end(200);
            }).get();
        } finally {
            other.shutdownNow();
        }
        assertThat(calls).hasSize(2);
    }

    @Test
    void aFailingObserverNeitherBreaksTheRequestNorOtherObservers() {
        monitor.addObserver(request -> {
            throw new IllegalStateException("start broke");
        });
        monitor.addObserver(request -> () -> {
            throw new IllegalStateException("close broke");
        });
        monitor.addObserver(recording("ok"));
        try (LogCapture logs = LogCapture.of(RequestMonitor.class)) {
            for (int i = 0; i < 3; i++) {
                TrackedRequest request = monitor.start("GET", "obs-5", null);
                request.end(200);
            }
            assertThat(logs.events()).filteredOn(event -> event.getLevel().toString().equals("WARN"))
                    .as("each broken observer is reported once at WARN").hasSize(2);
        }
        assertThat(calls).hasSize(6);
        assertThat(MDC.get(RequestContext.REQUEST_ID_KEY)).isNull();
    }

    @Test
    void anObserverMayReturnNullAndCanBeRemoved() {
        RequestObserver nothingToClose = request -> {
            calls.add("seen " + request.requestId());
            return null;
        };
        monitor.addObserver(nothingToClose);
        monitor.start("GET", "obs-6", null).end(200);
        assertThat(monitor.removeObserver(nothingToClose)).isTrue();
        assertThat(monitor.removeObserver(nothingToClose)).isFalse();
        monitor.start("GET", "obs-7", null).end(200);
        assertThat(calls).containsExactly("seen obs-6");
    }
}
