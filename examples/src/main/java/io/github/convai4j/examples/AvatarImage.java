package io.github.convai4j.examples;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

/**
 * Draws the small PNG images the quickstart uploads, so that it needs no file on disk. Shapes only, no text:
 * drawing text would need fonts, which a headless server may not have.
 */
public final class AvatarImage {

    /** Width and height of the avatar, in pixels. */
    static final int SIZE = 64;

    private AvatarImage() {
    }

    /**
     * Draws a square image: a circle on a coloured background.
     *
     * @param size width and height in pixels
     * @param rgb the background colour, e.g. {@code 0x2A6DF4}
     * @return the PNG bytes
     */
    public static byte[] png(int size, int rgb) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(new Color(rgb));
            g.fillRect(0, 0, size, size);
            g.setColor(Color.WHITE);
            g.fillOval(size / 4, size / 4, size / 2, size / 2);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", png)) {
                throw new IllegalStateException("this JDK has no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory does not fail
        }
        return png.toByteArray();
    }
}
