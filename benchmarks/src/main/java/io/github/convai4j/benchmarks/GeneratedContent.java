package io.github.convai4j.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.stream.ChunkedInput;

import java.util.SplittableRandom;
import java.util.zip.CRC32;

/**
 * A download body of any length made on the fly: slices of one 64 KiB block of random bytes, so the server
 * spends no time making data and holds none. {@link #crc32Of(long)} tells the checksum a reader must get.
 */
final class GeneratedContent implements ChunkedInput<ByteBuf> {

    static final int BLOCK = 64 * 1024;
    private static final ByteBuf SHARED = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(BLOCK).writeBytes(block()));

    private final long length;
    private long sent;

    GeneratedContent(long length) {
        this.length = length;
    }

    /**
     * Returns the bytes at the start of every generated body.
     *
     * @return a copy of the block
     */
    static byte[] block() {
        byte[] data = new byte[BLOCK];
        new SplittableRandom(20250901).nextBytes(data);
        return data;
    }

    /**
     * Returns the CRC-32 of a generated body.
     *
     * @param length the body's length
     * @return the checksum
     */
    static long crc32Of(long length) {
        byte[] data = block();
        CRC32 crc = new CRC32();
        for (long left = length; left > 0; left -= BLOCK) {
            crc.update(data, 0, (int) Math.min(BLOCK, left));
        }
        return crc.getValue();
    }

    @Override
    public boolean isEndOfInput() {
        return sent >= length;
    }

    @Override
    public void close() {
    }

    @Deprecated
    @Override
    public ByteBuf readChunk(ChannelHandlerContext ctx) {
        return readChunk(ctx.alloc());
    }

    @Override
    public ByteBuf readChunk(ByteBufAllocator allocator) {
        if (isEndOfInput()) {
            return null;
        }
        int n = (int) Math.min(BLOCK, length - sent);
        sent += n;
        return SHARED.retainedSlice(0, n);
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public long progress() {
        return sent;
    }
}
