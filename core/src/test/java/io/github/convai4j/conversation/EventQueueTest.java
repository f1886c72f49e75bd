package io.github.convai4j.conversation;

import io.github.convai4j.conversation.events.ConversationEvent;
import io.github.convai4j.conversation.events.ConversationEvents;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The queue of undelivered events is bounded by count and by the bytes of the messages they came in. */
class EventQueueTest {

    private final AtomicLong dropped = new AtomicLong();

    private EventQueue queue(int capacity, long maxBytes) {
        return new EventQueue(capacity, maxBytes, dropped, LoggerFactory.getLogger(EventQueueTest.class), () -> "test");
    }

    private static ConversationEvent response(int id) {
        return ConversationEvents.decode("{\"type\":\"agent_response\",\"agent_response_event\":{\"agent_response\":\"r"
                + id + "\",\"event_id\":" + id + "}}");
    }

    private static ConversationEvent audio(int id) {
        return ConversationEvents.decode("{\"type\":\"audio\",\"audio_event\":{\"audio_base_64\":\"AAA=\",\"event_id\":"
                + id + "}}");
    }

    private static List<String> drain(EventQueue queue) {
        List<String> out = new ArrayList<>();
        ConversationEvent event;
        while ((event = queue.poll()) != null) {
            out.add(event.raw().toJson().replaceAll(".*\"event_id\":(\\d+).*", event.type() + " $1"));
        }
        return out;
    }

    @Test
    void bigMessagesAreBoundedByBytesDroppingTransientOnesFirst() {
        EventQueue queue = queue(1000, 1000);
        queue.add(audio(1), 400);
        queue.add(response(2), 400);
        queue.add(response(3), 400); // past 1000 bytes: the audio goes first
        assertThat(dropped).hasValue(1);
        queue.add(audio(4), 400); // an arriving transient event is the one dropped
        assertThat(dropped).hasValue(2);
        queue.add(response(5), 400); // no transient one waits: the oldest goes
        assertThat(dropped).hasValue(3);
        assertThat(drain(queue)).containsExactly("agent_response 3", "agent_response 5");
    }

    @Test
    void oneMessageLargerThanTheBoundStillWaitsAlone() {
        EventQueue queue = queue(1000, 1000);
        queue.add(response(1), 10);
        queue.add(response(2), 5000);
        assertThat(drain(queue)).containsExactly("agent_response 2");
        assertThat(dropped).hasValue(1);
        queue.add(response(3), 10); // the bytes of taken events no longer count
        queue.add(response(4), 10);
        assertThat(drain(queue)).containsExactly("agent_response 3", "agent_response 4");
    }
}
