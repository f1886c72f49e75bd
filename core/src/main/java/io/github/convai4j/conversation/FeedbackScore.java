package io.github.convai4j.conversation;

/** The user's feedback on one of the agent's responses, sent as a {@code feedback} message. */
public enum FeedbackScore {
    /** {@code "like"}. */
    LIKE("like"),
    /** {@code "dislike"}. */
    DISLIKE("dislike");

    private final String wireValue;

    FeedbackScore(String wireValue) {
        this.wireValue = wireValue;
    }

    /**
     * Returns the value sent.
     *
     * @return {@code "like"} or {@code "dislike"}
     */
    public String wireValue() {
        return wireValue;
    }
}
