package io.github.convai4j.examples.readme;

import io.github.convai4j.ConvaiClient;
import io.github.convai4j.conversation.ConversationInitiation;
import io.github.convai4j.conversation.ConversationSession;

import java.time.Duration;
import java.time.LocalTime;

public class TalkToAnAgent {

    static void talk(ConvaiClient client, String agentId, boolean agentGreetsFirst) {
        try (ConversationSession session = client.liveConversation(agentId)
                .requiresAuth(true)                      // a private agent: the client fetches a signed URL first
                .initiation(ConversationInitiation.builder().textOnly(true).build())    // text only, no audio
                .clientTool("get_time", call -> LocalTime.now().withNano(0).toString()) // the agent may call it
                .expectFirstMessage(agentGreetsFirst)    // true: open() also waits for the agent's first message
                .open()) {
            session.firstMessage().ifPresent(greeting -> System.out.println("agent: " + greeting));
            String reply = session.sendAndAwaitReply("Hi! What time is it?", Duration.ofSeconds(30));
            System.out.println("agent: " + reply);
        }
    }
}
