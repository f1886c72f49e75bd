package io.github.convai4j.shrinkcheck;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the size checks need of a class file (JVMS chapter 4), read without a bytecode library: the class's name,
 * its source file and its methods with the length of their bytecode.
 */
final class ClassFile {

    /** A method: its name, descriptor and the length of its {@code Code} attribute's bytecode (0 if abstract or native). */
    record Method(String name, String descriptor, int codeLength) {
    }

    private final String name;
    private final String sourceFile;
    private final List<Method> methods;

    private ClassFile(String name, String sourceFile, List<Method> methods) {
        this.name = name;
        this.sourceFile = sourceFile;
        this.methods = methods;
    }

    /** The binary name with dots, e.g. {@code io.github.convai4j.ConvaiClient$Builder}. */
    String name() {
        return name;
    }

    /** The {@code SourceFile} attribute, e.g. {@code ConvaiClient.java}; null when the class has none. */
    String sourceFile() {
        return sourceFile;
    }

    List<Method> methods() {
        return methods;
    }

    /** The package, with dots; empty for the unnamed package. */
    String packageName() {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(0, dot);
    }

    static ClassFile parse(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readInt() != 0xCAFEBABE) {
                throw new IllegalArgumentException("Not a class file (no CAFEBABE)");
            }
            in.readUnsignedShort(); // minor version
            in.readUnsignedShort(); // major version
            String[] utf8 = new String[in.readUnsignedShort()];
            int[] classNameIndex = new int[utf8.length];
            for (int i = 1; i < utf8.length; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF();
                    case 7 -> classNameIndex[i] = in.readUnsignedShort();
                    case 8, 16, 19, 20 -> in.readUnsignedShort(); // String, MethodType, Module, Package
                    case 15 -> { // MethodHandle
                        in.readUnsignedByte();
                        in.readUnsignedShort();
                    }
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt(); // Integer, Float, refs, NameAndType, dynamic
                    case 5, 6 -> { // Long and Double take two entries
                        in.readLong();
                        i++;
                    }
                    default -> throw new IllegalArgumentException("Unknown constant pool tag " + tag + " at " + i);
                }
            }
            in.readUnsignedShort(); // access flags
            String name = utf8[classNameIndex[in.readUnsignedShort()]].replace('/', '.');
            in.readUnsignedShort(); // super class
            in.skipBytes(2 * in.readUnsignedShort()); // interfaces
            int fields = in.readUnsignedShort();
            for (int i = 0; i < fields; i++) {
                in.skipBytes(6);
                skipAttributes(in);
            }
            int methodCount = in.readUnsignedShort();
            List<Method> methods = new ArrayList<>(methodCount);
            for (int i = 0; i < methodCount; i++) {
                in.readUnsignedShort(); // access flags
                String methodName = utf8[in.readUnsignedShort()];
                String descriptor = utf8[in.readUnsignedShort()];
                int codeLength = 0;
                int attributes = in.readUnsignedShort();
                for (int a = 0; a < attributes; a++) {
                    String attribute = utf8[in.readUnsignedShort()];
                    int length = in.readInt();
                    if (attribute.equals("Code")) {
                        in.readUnsignedShort(); // max stack
                        in.readUnsignedShort(); // max locals
                        codeLength = in.readInt();
                        in.skipBytes(length - 8);
                    } else {
                        in.skipBytes(length);
                    }
                }
                methods.add(new Method(methodName, descriptor, codeLength));
            }
            String sourceFile = null;
            int attributes = in.readUnsignedShort();
            for (int a = 0; a < attributes; a++) {
                String attribute = utf8[in.readUnsignedShort()];
                int length = in.readInt();
                if (attribute.equals("SourceFile")) {
                    sourceFile = utf8[in.readUnsignedShort()];
                } else {
                    in.skipBytes(length);
                }
            }
            return new ClassFile(name, sourceFile, Collections.unmodifiableList(methods));
        } catch (IOException e) {
            throw new UncheckedIOException("Truncated class file", e);
        }
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        int attributes = in.readUnsignedShort();
        for (int a = 0; a < attributes; a++) {
            in.readUnsignedShort();
            in.skipBytes(in.readInt());
        }
    }
}
