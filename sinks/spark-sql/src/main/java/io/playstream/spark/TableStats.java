package io.playstream.spark;

import java.time.Instant;

/**
 * What a table holds at one moment.
 *
 * @param dataFiles data files of the current snapshot
 * @param records rows of the current snapshot
 * @param dataBytes bytes of the current snapshot's files
 * @param snapshots snapshots in the table's metadata
 * @param storageFiles every file under the table's location (data, metadata, and anything no
 *     snapshot references any more); -1 when the storage cannot be listed
 * @param storageBytes their bytes; -1 when the storage cannot be listed
 * @param lastCommit when the current snapshot was committed; null for a table without one
 */
public record TableStats(
    long dataFiles,
    long records,
    long dataBytes,
    long snapshots,
    long storageFiles,
    long storageBytes,
    Instant lastCommit) {}
