package io.github.convai4j.shrinkcheck;

import io.github.convai4j.ConvaiClient;
import io.github.convai4j.models.secrets.ConvAIWorkspaceStoredSecretConfig;

/**
 * A smaller app for the shrink check: it only lists the workspace's secrets (following every page), printing one
 * line per secret. What core keeps for it shows what the smallest use of the client costs.
 *
 * <p>Arguments: the base URL and the API key.
 */
public final class SecretsApp {

    private SecretsApp() {
    }

    /**
     * Runs the app; see the class documentation.
     *
     * @param args base URL, API key
     */
    public static void main(String[] args) {
        try (ConvaiClient client = ConvaiClient.builder().baseUrl(args[0]).apiKey(args[1]).build()) {
            for (ConvAIWorkspaceStoredSecretConfig secret : client.secrets().list().iterateAll()) {
                System.out.println("secret: " + secret.secretId() + " named " + secret.name());
            }
        }
    }
}
