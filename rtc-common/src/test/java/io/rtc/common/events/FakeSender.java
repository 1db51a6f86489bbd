package io.rtc.common.events;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every send; the test confirms or refuses each one, or lets it hang like a lost confirm. */
final class FakeSender implements Outbox.Sender<String> {

    record Send(String id, String event, CompletableFuture<Void> result) {
    }

    final List<Send> sends = new CopyOnWriteArrayList<>();

    @Override
    public CompletionStage<?> send(String id, String event) {
        Send send = new Send(id, event, new CompletableFuture<>());
        sends.add(send);
        return send.result();
    }

    Send get(int index) {
        return sends.get(index);
    }

    long outstanding() {
        return sends.stream().filter(s -> !s.result().isDone()).count();
    }

    List<String> ids() {
        return sends.stream().map(Send::id).toList();
    }

    List<String> events() {
        return sends.stream().map(Send::event).toList();
    }

    /** Confirms every send still waiting. */
    void confirmAll() {
        sends.forEach(s -> s.result().complete(null));
    }
}
