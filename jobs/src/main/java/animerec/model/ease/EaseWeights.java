package animerec.model.ease;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;

/**
 * A fitted EASE's item ids (sorted; index i is the i-th smallest id) and its n × n weights B, row-major as floats:
 * B[i·n + j] is what having item i adds to the score of item j. Written as one binary file: n, the ids, B.
 */
record EaseWeights(long[] ids, float[] b) implements Serializable {
    private static final int MAGIC = 0x45415345; // "EASE"
    private static final int CHUNK = 1 << 20;

    int n() {
        return ids.length;
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(ids.length);
        for (long id : ids) {
            out.writeLong(id);
        }
        ByteBuffer buf = ByteBuffer.allocate(CHUNK * Float.BYTES);
        for (int off = 0; off < b.length; off += CHUNK) {
            int len = Math.min(CHUNK, b.length - off);
            buf.clear();
            buf.asFloatBuffer().put(b, off, len);
            out.write(buf.array(), 0, len * Float.BYTES);
        }
    }

    static EaseWeights read(DataInputStream in, String path) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException(path + ": not an EASE weights file");
        }
        int n = in.readInt();
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = in.readLong();
        }
        float[] b = new float[n * n];
        byte[] bytes = new byte[CHUNK * Float.BYTES];
        for (int off = 0; off < b.length; off += CHUNK) {
            int len = Math.min(CHUNK, b.length - off);
            in.readFully(bytes, 0, len * Float.BYTES);
            ByteBuffer.wrap(bytes, 0, len * Float.BYTES).asFloatBuffer().get(b, off, len);
        }
        return new EaseWeights(ids, b);
    }
}
