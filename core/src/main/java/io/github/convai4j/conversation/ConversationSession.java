package io.github.convai4j.conversation;

import io.github.convai4j.conversation.events.ConversationEvent;
import io.github.convai4j.conversation.events.ConversationMetadataEvent;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A live conversation with an agent over a WebSocket, opened with {@link LiveConversation#open()} or
 * {@link LiveConversation#open(ConversationListener)}.
 *
 * <p><b>What the session does by itself:</b> it sends {@code conversation_initiation_client_data} first,
 * answers every {@code ping} with its {@code pong}, runs client tools and answers each call exactly once,
 * and drops agent audio that an interruption has cut off.
 *
 * <p><b>Sending:</b> every {@code send...} method checks its arguments before anything is sent (an
 * {@link IllegalArgumentException} for bad input), throws {@link ConversationClosedException} once the
 * conversation has ended, and otherwise returns a future that completes when the message is written to the
 * connection (or fails with the I/O error). Messages go out in the order the calls were made; any thread
 * may send.
 *
 * <p><b>Receiving:</b> with a {@link ConversationListener}, events are delivered to it on the session's event
 * thread, in order. Without one, they wait in a bounded queue for {@link #nextEvent(Duration)}. Either way
 * {@link #sendAndAwaitReply} works. How many events may wait, and what happens when more arrive, is
 * {@link LiveConversation#maxPendingEvents(int)}'s to say.
 *
 * <p><b>Ending:</b> the server ends a conversation by closing the WebSocket; {@link #close()} ends it from
 * this side (close code 1000, {@code "User ended conversation"}); the session also ends itself when the
 * connection drops, a timeout passes or the server stops reading. Whichever way, it ends exactly once:
 * {@link #ended()} completes once, a listener's {@code onEnd} runs once, with one {@link ConversationEnd} that
 * gives the reason (user, agent, error, timeout, peer closed) and the close code and text. The session never
 * reconnects. Close every session you open (try-with-resources): it also stops the session's threads.
 *
 * <p>Thread-safe. Its {@code toString()} never shows a signed URL's token.
 */
public interface ConversationSession extends AutoCloseable {

    /**
     * Returns the agent's id.
     *
     * @return the agent id
     */
    String agentId();

    /**
     * Returns the conversation's id, from the server's {@code conversation_initiation_metadata}. A session
     * returned by {@code open} always has it.
     *
     * @return the conversation id
     */
    String conversationId();

    /**
     * Returns the server's first message: the conversation id and the audio formats.
     *
     * @return the metadata
     */
    ConversationMetadataEvent metadata();

    /**
     * Returns the format the server wants the user's audio in, from the metadata's
     * {@code user_input_audio_format}: what {@link #sendUserAudio(byte[])} must send, and what
     * {@link #sendUserAudio(byte[], AudioFormat)} converts to.
     *
     * @return the format; {@link AudioFormat#PCM_16000}, the protocol's default, if the server named none
     * @throws IllegalStateException if the conversation has not started yet
     */
    AudioFormat userInputAudioFormat();

    /**
     * Returns the format of the agent's audio ({@link io.github.convai4j.conversation.events.AudioEvent#audio()}),
     * from the metadata's {@code agent_output_audio_format}; {@link AudioConverter} turns it into another.
     *
     * @return the format; {@link AudioFormat#PCM_16000}, the protocol's default, if the server named none
     * @throws IllegalStateException if the conversation has not started yet
     */
    AudioFormat agentOutputAudioFormat();

    /**
     * Returns the agent's first message, for a session opened with
     * {@link LiveConversation#expectFirstMessage(boolean) expectFirstMessage(true)}: opening waited for it.
     *
     * @return the first message's text; empty if the session was not opened expecting one
     */
    Optional<String> firstMessage();

    /**
     * Tells whether messages can still be sent: the conversation has not ended and no close was started.
     *
     * @return {@code true} while open
     */
    boolean isOpen();

    /**
     * Sends a text message from the user ({@code user_message}).
     *
     * @param text the message, not empty
     * @return completes when written
     * @throws IllegalArgumentException if the text is empty
     * @throws ConversationClosedException if the conversation has ended
     */
    CompletableFuture<Void> sendUserMessage(String text);

    /**
     * Sends a text message the user chose from rich content, e.g. a button of an item card
     * ({@code user_message} with {@code rich_content_id}).
     *
     * @param text the message, not empty
     * @param richContentId the {@link io.github.convai4j.conversation.events.RichContentEvent#richContentId()}
     *     it came from, or {@code null}
     * @return completes when written
     * @throws IllegalArgumentException if the text is empty
     * @throws ConversationClosedException if the conversation has ended
     */
    CompletableFuture<Void> sendUserMessage(String text, String richContentId);

    /**
     * Sends a text message and waits for the agent's answer: the text of the first {@code agent_response}
     * that arrives after it was sent. Meant for text-only chat ({@link ConversationInitiation.Builder#textOnly}).
     *
     * <p>Replies are paired with messages in order, so concurrent calls each get their own reply.
     * {@code agent_response_correction} events never count as a reply (they correct an earlier response
     * that an interruption cut short). The event itself is still delivered to the listener or the queue.
     * Agent responses that arrived before the call, such as the agent's first message, are never taken for
     * the reply; but if the agent's first message arrives only after this call has sent its text, it is
     * taken for the reply. So when the agent has a first message, open the session with
     * {@link LiveConversation#expectFirstMessage(boolean) expectFirstMessage(true)}: opening then waits for it,
     * and it never counts as a reply.
     *
     * <p>May be called on the event thread (from a listener): the reply is recognised on the I/O thread.
     *
     * @param text the message, not empty
     * @param timeout how long to wait for the reply
     * @return the agent's text
     * @throws IllegalArgumentException if the text is empty or the timeout not positive
     * @throws io.github.convai4j.errors.ConvaiTimeoutException if no reply came in time (kind {@code READ})
     * @throws ConversationClosedException if the conversation ended before a reply came
     * @throws ConversationException if the thread was interrupted (its interrupt flag is set again)
     */
    String sendAndAwaitReply(String text, Duration timeout);

    /**
     * Waits for the agent to say something, without sending anything: returns the oldest
     * {@code agent_response} that no {@link #sendAndAwaitReply} or earlier call of this method has taken,
     * waiting for the next one if there is none. Use it for the agent's first message.
     *
     * @param timeout how long to wait
     * @return the agent's text
     * @throws IllegalArgumentException if the timeout is not positive
     * @throws io.github.convai4j.errors.ConvaiTimeoutException if no response came in time (kind {@code READ})
     * @throws ConversationClosedException if the conversation ended first
     * @throws ConversationException if the thread was interrupted (its interrupt flag is set again)
     */
    String awaitAgentResponse(Duration timeout);

    /**
     * Sends information the agent should know without answering it ({@code contextual_update}), e.g.
     * {@code "User is on the pricing page"}. It does not interrupt the agent.
     *
     * @param text the information, not empty
     * @return completes when written
     * @throws IllegalArgumentException if the text is empty
     * @throws ConversationClosedException if the conversation has ended
     */
    CompletableFuture<Void> sendContextualUpdate(String text);

    /**
     * Sends a contextual update that replaces earlier ones with the same id in the agent's context.
     *
     * @param text the information, not empty
     * @param contextId the deduplication key, or {@code null}
     * @return completes when written
     * @throws IllegalArgumentException if the text is empty
     * @throws ConversationClosedException if the conversation has ended
     */
    CompletableFuture<Void> sendContextualUpdate(String text, String contextId);

    /**
     * Tells the server the user is present ({@code user_activity}), e.g. while typing: it resets the
     * inactivity timer and keeps the agent from interrupting.
     *
     * @return completes when written
     * @throws ConversationClosedException if the conversation has ended
     */
    CompletableFuture<Void> sendUserActivity();

    /**
     * Sends the user's feedback on one of the agent's responses ({@code feedback}).
     *
     * @param eventId the event id of the response, e.g.
     *     {@link io.github.convai4j.conversation.events.AgentResponseEvent#eventId()}
     * @param score like or dislike; {@code null} clears earlier feedback
     * @return completes when written
     * @throws IllegalArgumentException if the event id is negative
     * @throws ConversationClosedException if the conversation has ended
     */
    CompletableFuture<Void> sendFeedback(long eventId, FeedbackScore score);

    /**
     * Answers a client tool call yourself ({@code client_tool_result}). Only needed for calls no registered
     * handler answers, with {@link LiveConversation#answerUnknownClientTools(boolean)} turned off: every call
     * gets exactly one result, so a second answer for the same id is refused.
     *
     * @param toolCallId the call's {@link io.github.convai4j.conversation.events.ClientToolCallEvent#toolCallId()}
     * @param result the result, as a string
     * @param isError whether the result is an error message
     * @return completes when written
     * @throws IllegalArgumentException if the id is empty or the result {@code null}
     * @throws IllegalStateException if this call has already been answered
     * @throws ConversationClosedException if the conversation has ended
     */
    CompletableFuture<Void> sendClientToolResult(String toolCallId, String result, boolean isError);

    /**
     * Approves or rejects an MCP tool call that awaits approval ({@code mcp_tool_approval_result}).
     *
     * @param toolCallId the call's {@link io.github.convai4j.conversation.events.McpToolCallEvent#toolCallId()}
     * @param approved {@code true} to let it run
     * @return completes when written
     * @throws IllegalArgumentException if the id is empty
     * @throws ConversationClosedException if the conversation has ended
     */
    CompletableFuture<Void> sendMcpToolApprovalResult(String toolCallId, boolean approved);

    /**
     * Sends a message with a file ({@code multimodal_message}): an image or PDF uploaded beforehand with
     * {@code POST /v1/convai/conversations/{conversation_id}/files}, which returns the file id.
     *
     * @param text the text, or {@code null} for the file alone
     * @param fileId the uploaded file's id, or {@code null} for the text alone
     * @return completes when written
     * @throws IllegalArgumentException if both are {@code null} or one is empty
     * @throws ConversationClosedException if the conversation has ended
     */
    CompletableFuture<Void> sendMultimodalMessage(String text, String fileId);

    /**
     * Sends one chunk of the user's audio ({@code user_audio_chunk}, base64 on the wire), as it is: it must be
     * in {@link #userInputAudioFormat()}, raw 16-bit little-endian mono PCM at that rate (or μ-law for
     * {@code ulaw_8000}), no header. Audio in another format: {@link #sendUserAudio(byte[], AudioFormat)}
     * converts it. {@link AudioChunker} splits longer audio; send chunks in real time.
     *
     * @param audio the chunk
     * @return completes when written
     * @throws IllegalArgumentException if the chunk is empty, or has an odd length for a PCM format
     * @throws ConversationClosedException if the conversation has ended
     */
    CompletableFuture<Void> sendUserAudio(byte[] audio);

    /**
     * Sends a chunk of the user's audio that is in {@code format}, converted to the format the server declared
     * ({@link #userInputAudioFormat()}) if that is another one: μ-law to PCM or back, and the sample rate, by
     * one {@link AudioConverter} that keeps its state from chunk to chunk. So a telephony bridge sends the
     * call's {@code ulaw_8000} as it comes, whatever the agent takes. Send the chunks of one stream in order
     * from one thread, in real time; a few milliseconds are held back for the resampler until the next chunk.
     *
     * <p>What happens on a mismatch: with this method, none can happen (the audio is converted). With
     * {@link #sendUserAudio(byte[])} the bytes are sent as they are and must already be in the declared format;
     * the session can only check that a PCM chunk holds whole samples, and audio in another format reaches the
     * agent as noise.
     *
     * @param audio the chunk, in {@code format}
     * @param format what the chunk is in
     * @return completes when the converted chunk is written (at once if it was all held back)
     * @throws IllegalArgumentException if the chunk is empty, has an odd length in the declared PCM format, or
     *     a format is one this version cannot convert
     * @throws ConversationClosedException if the conversation has ended
     */
    CompletableFuture<Void> sendUserAudio(byte[] audio, AudioFormat format);

    /**
     * Sends part of an array as one chunk of the user's audio; see {@link #sendUserAudio(byte[])}.
     *
     * @param audio the buffer
     * @param offset where the chunk starts
     * @param length its length in bytes
     * @return completes when written
     * @throws IllegalArgumentException if the chunk is empty, or has an odd length for a PCM format
     * @throws IndexOutOfBoundsException if the range is outside the array
     * @throws ConversationClosedException if the conversation has ended
     */
    CompletableFuture<Void> sendUserAudio(byte[] audio, int offset, int length);

    /**
     * Takes the next event from the queue, waiting up to {@code timeout} for one; only for a session opened
     * without a listener ({@link LiveConversation#open()}). Interrupted audio is left out; pings are
     * already answered. Once the conversation has ended and every event has been taken, it throws
     * {@link ConversationClosedException}.
     *
     * @param timeout how long to wait; zero for not at all
     * @return the event, or {@code null} if none arrived in time
     * @throws ConversationClosedException if the conversation has ended and no event is left
     * @throws IllegalStateException if the session delivers to a listener
     * @throws ConversationException if the thread was interrupted (its interrupt flag is set again)
     */
    ConversationEvent nextEvent(Duration timeout);

    /**
     * Returns how many events the session has left out: audio cut off by an interruption, and events dropped
     * because too many waited (see {@link LiveConversation#maxPendingEvents(int)}).
     *
     * @return the count
     */
    long droppedEvents();

    /**
     * Returns the end of the conversation, the one signal of it, whichever way it ends. With a listener, it
     * completes after the listener's {@link ConversationListener#onEnd}; without one, when the connection is
     * closed (events may still wait in the queue). It completes once and never exceptionally; a session whose
     * opening failed completes it too.
     *
     * @return the future end
     */
    CompletableFuture<ConversationEnd> ended();

    /**
     * Starts closing the conversation (close code 1000) without waiting. Idempotent.
     *
     * @return the future end, the same as {@link #ended()}
     */
    CompletableFuture<ConversationEnd> closeAsync();

    /**
     * Closes the conversation (close code 1000) and waits, up to a few seconds, until it has ended and its
     * threads have stopped. Tool handlers still running are interrupted. Idempotent; never throws. Called on
     * the event thread (from a listener), it does not wait.
     */
    @Override
    void close();
}
