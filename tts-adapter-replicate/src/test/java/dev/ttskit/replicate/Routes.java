package dev.ttskit.replicate;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Answers a mock server by method and path, so requests sent in the background (cancels) cannot take
 * a response meant for another call. Each route answers its responses in order, then repeats the
 * last one used; unknown routes get 404.
 */
final class Routes extends Dispatcher {
    private final Map<String, Deque<Function<RecordedRequest, MockResponse>>> routes = new ConcurrentHashMap<>();
    private final Map<String, Function<RecordedRequest, MockResponse>> lastUsed = new ConcurrentHashMap<>();
    final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

    Routes on(String method, String path, MockResponse... responses) {
        for (MockResponse r : responses) onDynamic(method, path, req -> r);
        return this;
    }

    Routes onDynamic(String method, String path, Function<RecordedRequest, MockResponse> answer) {
        routes.computeIfAbsent(method + " " + path, k -> new ArrayDeque<>()).add(answer);
        return this;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        requests.add(request);
        String key = request.getMethod() + " " + request.getUrl().encodedPath();
        Deque<Function<RecordedRequest, MockResponse>> queue = routes.get(key);
        if (queue == null) return new MockResponse.Builder().code(404).body("{\"detail\":\"not found\"}").build();
        Function<RecordedRequest, MockResponse> answer;
        synchronized (queue) {
            answer = queue.poll();
            if (answer != null) lastUsed.put(key, answer);
            else answer = lastUsed.get(key);
        }
        return answer.apply(request);
    }

    long count(String method, String path) {
        return requests.stream().filter(r -> r.getMethod().equals(method) && r.getUrl().encodedPath().equals(path)).count();
    }

    RecordedRequest first(String method, String path) {
        return requests.stream().filter(r -> r.getMethod().equals(method) && r.getUrl().encodedPath().equals(path))
                .findFirst().orElseThrow(() -> new AssertionError("no " + method + " " + path + " in " + requests));
    }
}
