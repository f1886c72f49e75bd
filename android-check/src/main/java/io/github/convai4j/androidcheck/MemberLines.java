package io.github.convai4j.androidcheck;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** Which methods of a class hold code on each source line, from the class file's line number tables. */
final class MemberLines {
    private final Map<Integer, Set<String>> methodsByLine = new HashMap<>();

    MemberLines(byte[] classFile) {
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitLineNumber(int line, Label start) {
                        methodsByLine.computeIfAbsent(line, k -> new TreeSet<>()).add(name);
                    }
                };
            }
        }, ClassReader.SKIP_FRAMES);
    }

    Set<String> at(int line) {
        return methodsByLine.getOrDefault(line, Set.of());
    }
}
