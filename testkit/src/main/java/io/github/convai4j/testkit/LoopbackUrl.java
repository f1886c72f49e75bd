package io.github.convai4j.testkit;

import java.net.InetAddress;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.UnknownHostException;

/** The testkit calls only servers on this machine: webhook URLs must be http(s) on a loopback address. */
final class LoopbackUrl {

    private LoopbackUrl() {
    }

    static URL parse(String url, String what) {
        if (url == null) {
            throw new IllegalArgumentException(what + " URL must not be null");
        }
        URL parsed;
        try {
            parsed = new URL(url);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(what + " URL is not a URL: " + url, e);
        }
        if (!parsed.getProtocol().equals("http") && !parsed.getProtocol().equals("https")) {
            throw new IllegalArgumentException(what + " URL must be http or https, got " + url);
        }
        boolean loopback;
        try {
            loopback = InetAddress.getByName(parsed.getHost()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            loopback = false;
        }
        if (!loopback) {
            throw new IllegalArgumentException(what + " URL must point at this machine (localhost, 127.0.0.1 or"
                    + " [::1]): the testkit only calls servers on loopback, got " + url);
        }
        return parsed;
    }
}
