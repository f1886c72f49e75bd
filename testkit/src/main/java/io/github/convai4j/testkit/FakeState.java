package io.github.convai4j.testkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Everything the fake server holds, in memory. Not thread-safe by itself: every read and write happens
 * inside {@code synchronized (state)}, so each request sees and leaves a consistent state.
 */
final class FakeState {

    private static final String LOWER = "0123456789abcdefghjkmnpqrstvwxyz";
    private static final String MIXED = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final Comparator<Paging.Sequenced> NEWEST_FIRST = new Comparator<Paging.Sequenced>() {
        @Override
        public int compare(Paging.Sequenced a, Paging.Sequenced b) {
            int byTime = Long.compare(b.sortTime(), a.sortTime());
            return byTime != 0 ? byTime : Long.compare(b.sequence(), a.sequence());
        }
    };

    /** An agent: its full {@code GetAgentResponseModel} document, and its current avatar. */
    static final class Agent implements Paging.Sequenced {
        final String id;
        final long sequence;
        Map<String, Object> document;
        StoredFile avatar;

        Agent(String id, long sequence, Map<String, Object> document) {
            this.id = id;
            this.sequence = sequence;
            this.document = document;
        }

        @Override
        public long sequence() {
            return sequence;
        }
    }

    static final class Conversation implements Paging.Sequenced {
        final String id;
        final long sequence;
        final String agentId;
        final Map<String, Object> document;
        final Map<String, Object> summary;
        final byte[] audio;
        final long syntheticAudioSize;
        final Map<String, StoredFile> files = new LinkedHashMap<>();

        Conversation(String id, long sequence, String agentId, Map<String, Object> document,
                     Map<String, Object> summary, byte[] audio, long syntheticAudioSize) {
            this.id = id;
            this.sequence = sequence;
            this.agentId = agentId;
            this.document = document;
            this.summary = summary;
            this.audio = audio;
            this.syntheticAudioSize = syntheticAudioSize;
        }

        boolean hasAudio() {
            return audio != null || syntheticAudioSize >= 0;
        }

        long startTime() {
            Object start = JsonTree.valueAt(document, "metadata", "start_time_unix_secs");
            return start instanceof Number ? ((Number) start).longValue() : 0;
        }

        @Override
        public long sequence() {
            return sequence;
        }

        /** Conversations are listed by call start time, newest first, as the API does. */
        @Override
        public long sortTime() {
            return startTime();
        }
    }

    static final class Tool implements Paging.Sequenced {
        final String id;
        final long sequence;
        final Map<String, Object> document;

        Tool(String id, long sequence, Map<String, Object> document) {
            this.id = id;
            this.sequence = sequence;
            this.document = document;
        }

        @Override
        public long sequence() {
            return sequence;
        }
    }

    /** A knowledge-base document: its detail document ({@code GetKnowledgeBase*ResponseModel}). */
    static final class Document implements Paging.Sequenced {
        final String id;
        final long sequence;
        final String type;
        final Map<String, Object> detail;
        final StoredFile file;

        Document(String id, long sequence, String type, Map<String, Object> detail, StoredFile file) {
            this.id = id;
            this.sequence = sequence;
            this.type = type;
            this.detail = detail;
            this.file = file;
        }

        @Override
        public long sequence() {
            return sequence;
        }
    }

    /** A workspace secret. Its value never leaves this class except through {@link #valueEquals(String)}. */
    static final class Secret implements Paging.Sequenced {
        final String id;
        final long sequence;
        String name;
        private byte[] value;

        Secret(String id, long sequence, String name, String value) {
            this.id = id;
            this.sequence = sequence;
            this.name = name;
            setValue(value);
        }

        void setValue(String value) {
            this.value = value.getBytes(StandardCharsets.UTF_8);
        }

        boolean valueEquals(String candidate) {
            return candidate != null
                    && MessageDigest.isEqual(value, candidate.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public long sequence() {
            return sequence;
        }

        @Override
        public String toString() {
            return "Secret[" + id + ", " + name + ", value <redacted>]";
        }
    }

    final Map<String, Agent> agents = new LinkedHashMap<>();
    final Map<String, Conversation> conversations = new LinkedHashMap<>();
    final Map<String, Tool> tools = new LinkedHashMap<>();
    final Map<String, Document> documents = new LinkedHashMap<>();
    final Map<String, Secret> secrets = new LinkedHashMap<>();
    /** Files served without authentication below {@code /_fake/}, by path (e.g. avatar images). */
    final Map<String, StoredFile> assets = new LinkedHashMap<>();

    private final Random random = new SecureRandom();
    private long sequence;

    long nextSequence() {
        return ++sequence;
    }

    void clear() {
        agents.clear();
        conversations.clear();
        tools.clear();
        documents.clear();
        secrets.clear();
        assets.clear();
    }

    /** An id like the API's: {@code agent_} + 28 lower-case characters, or 20 mixed-case characters. */
    String newId(String prefix) {
        String id;
        do {
            id = prefix == null ? randomString(MIXED, 20) : prefix + randomString(LOWER, 28);
        } while (agents.containsKey(id) || conversations.containsKey(id) || tools.containsKey(id)
                || documents.containsKey(id) || secrets.containsKey(id));
        return id;
    }

    String randomString(String alphabet, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /** Thread-safe (the random source is): called by I/O threads without the state's lock. */
    String requestId() {
        return randomString(MIXED, 20);
    }

    static long nowSecs() {
        return System.currentTimeMillis() / 1000;
    }

    static <T extends Paging.Sequenced> List<T> newestFirst(Iterable<T> items) {
        List<T> list = new ArrayList<>();
        for (T item : items) {
            list.add(item);
        }
        Collections.sort(list, NEWEST_FIRST);
        return list;
    }

    /** Who owns every resource of the fake: the caller, as creator and admin. */
    static Map<String, Object> accessInfo() {
        return JsonTree.object("is_creator", true, "creator_name", "Fake User",
                "creator_email", "fake.user@example.com", "role", "admin");
    }
}
