package io.github.convai4j.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The size of a jar as issue 14 counts it (the same measures as the shrink check's {@code ClassFileSet}): its bytes,
 * its classes, their methods (constructors and static initialisers included, as the class files list them) and the
 * class files deflated at the default level. Versioned entries of a multi-release jar and {@code module-info.class}
 * are not counted: they are not what runs on Java 8 or Android.
 *
 * @param jarBytes the jar file's size
 * @param classes class files
 * @param methods methods of those classes
 * @param deflatedBytes the class files, each deflated at the default level
 */
record ClassFiles(long jarBytes, int classes, long methods, long deflatedBytes) {

    static ClassFiles of(Path jar) {
        int classes = 0;
        long methods = 0;
        long deflated = 0;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                String name = entry.getName();
                if (entry.isDirectory() || !name.endsWith(".class") || name.startsWith("META-INF/")
                        || name.endsWith("module-info.class")) {
                    continue;
                }
                byte[] bytes;
                try (InputStream in = zip.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                }
                classes++;
                methods += methodCount(bytes);
                deflated += deflatedSize(bytes);
            }
            return new ClassFiles(Files.size(jar), classes, methods, deflated);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + jar, e);
        }
    }

    /** The {@code methods_count} of a class file (JVMS 4.1), read past its constant pool, interfaces and fields. */
    static int methodCount(byte[] classFile) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile))) {
            if (in.readInt() != 0xCAFEBABE) {
                throw new IllegalArgumentException("Not a class file (no CAFEBABE)");
            }
            in.skipBytes(4); // minor and major version
            int constants = in.readUnsignedShort();
            for (int i = 1; i < constants; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> in.skipBytes(in.readUnsignedShort()); // Utf8
                    case 7, 8, 16, 19, 20 -> in.skipBytes(2); // Class, String, MethodType, Module, Package
                    case 15 -> in.skipBytes(3); // MethodHandle
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                    case 5, 6 -> { // Long and Double take two entries
                        in.skipBytes(8);
                        i++;
                    }
                    default -> throw new IllegalArgumentException("Unknown constant pool tag " + tag + " at " + i);
                }
            }
            in.skipBytes(6); // access flags, this class, super class
            in.skipBytes(2 * in.readUnsignedShort()); // interfaces
            int fields = in.readUnsignedShort();
            for (int i = 0; i < fields; i++) {
                in.skipBytes(6);
                int attributes = in.readUnsignedShort();
                for (int a = 0; a < attributes; a++) {
                    in.skipBytes(2);
                    in.skipBytes(in.readInt());
                }
            }
            return in.readUnsignedShort();
        } catch (IOException e) {
            throw new UncheckedIOException("Truncated class file", e);
        }
    }

    private static long deflatedSize(byte[] bytes) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            deflater.setInput(bytes);
            deflater.finish();
            byte[] buffer = new byte[8192];
            long size = 0;
            while (!deflater.finished()) {
                size += deflater.deflate(buffer);
            }
            return size;
        } finally {
            deflater.end();
        }
    }
}
