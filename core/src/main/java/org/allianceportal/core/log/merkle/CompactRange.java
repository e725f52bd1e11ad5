package org.allianceportal.core.log.merkle;

import java.util.Arrays;
import java.util.List;

/**
 * The right edge of a growing Merkle tree: one perfect subtree per set bit of its size, O(log n)
 * memory. Enough to append and to take the root at every size, as a stream of leaves goes by.
 */
public final class CompactRange implements Merkle.Subtrees {

    private final Merkle.Node[] edge = new Merkle.Node[64];
    private long size;

    /**
     * The range of a tree of {@code size} leaves from its {@link #edge()} bytes, as kept in the
     * database's log head.
     */
    public static CompactRange of(long size, byte[] edge) {
        if (edge.length != Merkle.HASH_SIZE * Long.bitCount(size)) {
            throw new IllegalArgumentException("a tree of size " + size + " has " + Long.bitCount(size)
                    + " subtrees on its right edge, not " + edge.length / (double) Merkle.HASH_SIZE);
        }
        CompactRange range = new CompactRange();
        range.size = size;
        int offset = 0;
        for (int level = 0; level < 64; level++) {
            if ((size >>> level & 1) == 1) {
                byte[] hash = Arrays.copyOfRange(edge, offset, offset + Merkle.HASH_SIZE);
                range.edge[level] = new Merkle.Node(level, (size >>> level) - 1, hash);
                offset += Merkle.HASH_SIZE;
            }
        }
        return range;
    }

    /** Adds a leaf; returns the perfect subtrees it completes (the leaf itself first), for storing. */
    public List<Merkle.Node> add(byte[] leafHash) {
        List<Merkle.Node> completed = Merkle.append(size, leafHash, this);
        for (Merkle.Node node : completed) {
            edge[node.level()] = node;
        }
        size++;
        return completed;
    }

    /** The hashes of the perfect subtrees on the right edge, lowest level first: one per set bit of the size. */
    public byte[] edge() {
        byte[] bytes = new byte[Merkle.HASH_SIZE * Long.bitCount(size)];
        int offset = 0;
        for (int level = 0; level < 64; level++) {
            if ((size >>> level & 1) == 1) {
                System.arraycopy(edge[level].hash(), 0, bytes, offset, Merkle.HASH_SIZE);
                offset += Merkle.HASH_SIZE;
            }
        }
        return bytes;
    }

    public long size() {
        return size;
    }

    public byte[] root() {
        return Merkle.root(size, this);
    }

    @Override
    public byte[] hash(int level, long index) {
        Merkle.Node node = edge[level];
        if (node == null || node.index() != index) {
            throw new IllegalStateException("subtree (" + level + ", " + index + ") is not on the right edge of a tree"
                    + " of size " + size);
        }
        return node.hash();
    }
}
