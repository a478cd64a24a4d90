package org.descent.driver.load;

import org.apache.hadoop.fs.FileStatus;

import java.io.Serializable;
import java.time.Instant;

/**
 * A data file's length and modification time when it was loaded. Cached blocks lost with an
 * executor are rebuilt from their files; comparing stamps first makes sure they are rebuilt
 * from the same bytes, not from a file replaced in the meantime.
 */
public record FileStamp(long length, long modificationTime) implements Serializable {

    public static FileStamp of(FileStatus status) {
        return new FileStamp(status.getLen(), status.getModificationTime());
    }

    @Override
    public String toString() {
        return length + " bytes, modified " + Instant.ofEpochMilli(modificationTime);
    }
}
