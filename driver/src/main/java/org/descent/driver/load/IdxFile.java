package org.descent.driver.load;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.descent.driver.UserInputException;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * An IDX file of unsigned bytes, the format of MNIST and Fashion-MNIST: a 4-byte magic number
 * {@code 0x00 0x00 0x08 d} (type 0x08 = unsigned byte, d dimensions), d big-endian 32-bit
 * sizes, then the values in row-major order (Y. LeCun et al., "The MNIST database of
 * handwritten digits", file formats section). Gzipped files are recognized by their own magic
 * bytes and read through a decompressor. Any Hadoop path.
 *
 * @param sizes  the size of each dimension: {60000} for labels, {60000, 28, 28} for images
 * @param values the bytes as stored; read them with {@code Byte.toUnsignedInt}
 */
public record IdxFile(int[] sizes, byte[] values) {

    private static final int UNSIGNED_BYTE = 0x08;

    /** Entries of one item: the product of every size but the first (1 for a vector). */
    public int itemLength() {
        int length = 1;
        for (int d = 1; d < sizes.length; d++) {
            length *= sizes[d];
        }
        return length;
    }

    public int numItems() {
        return sizes[0];
    }

    /** Reads and validates the whole file; every problem is a UserInputException naming it. */
    public static IdxFile read(String file, Configuration conf) {
        Path path = new Path(file);
        try (InputStream raw = new BufferedInputStream(path.getFileSystem(conf).open(path), 1 << 16)) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            try (DataInputStream in = new DataInputStream(gzip ? new GZIPInputStream(raw, 1 << 16) : raw)) {
                return parse(in, file);
            }
        } catch (java.io.FileNotFoundException e) {
            throw new UserInputException("IDX file does not exist: " + file);
        } catch (EOFException e) {
            throw new UserInputException(file + ": truncated IDX file (fewer values than its sizes say)");
        } catch (IOException e) {
            throw new UserInputException("cannot read IDX file " + file + ": " + e.getMessage(), e);
        }
    }

    private static IdxFile parse(DataInputStream in, String file) throws IOException {
        int magic = in.readInt();
        int type = (magic >>> 8) & 0xff;
        int dimensions = magic & 0xff;
        if ((magic >>> 16) != 0 || dimensions < 1) {
            throw new UserInputException(file + ": not an IDX file (magic number 0x" + Integer.toHexString(magic) + ")");
        }
        if (type != UNSIGNED_BYTE) {
            throw new UserInputException(file + ": IDX value type 0x" + Integer.toHexString(type)
                    + " is not supported; allowed: 0x08 (unsigned byte)");
        }
        int[] sizes = new int[dimensions];
        long total = 1;
        for (int d = 0; d < dimensions; d++) {
            sizes[d] = in.readInt();
            total *= sizes[d];
            if (sizes[d] < 0 || total > Integer.MAX_VALUE - 8) {
                throw new UserInputException(file + ": IDX sizes " + Arrays.toString(Arrays.copyOf(sizes, d + 1))
                        + " are negative or too large for one array");
            }
        }
        byte[] values = new byte[(int) total];
        in.readFully(values);
        if (in.read() != -1) {
            throw new UserInputException(file + ": IDX file has more bytes than its sizes " + Arrays.toString(sizes) + " say");
        }
        return new IdxFile(sizes, values);
    }
}
