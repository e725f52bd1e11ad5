package org.allianceportal.core.log.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * The right edge of a growing Merkle tree: one perfect subtree per set bit of its size, O(log n)
 * memory. Enough to append and to take the root at every size, as a stream of leaves goes by.
 */
public final class CompactRange implements Merkle.Subtrees {

    private final Merkle.Node[] edge = new Merkle.Node[64];
    private long size;

    /** The tree of {@code size} leaves whose right edge is {@code edge} (as {@link #edge} gave it), to go on adding to. */
    public static CompactRange resume(long size, List<byte[]> edge) {
        CompactRange range = new CompactRange();
        int next = 0;
        for (int level = 63; level >= 0; level--) {
            if ((size >>> level & 1) == 1) {
                range.edge[level] = new Merkle.Node(level, (size >>> level) - 1, edge.get(next++));
            }
        }
        if (next != edge.size()) {
            throw new IllegalArgumentException(edge.size() + " subtrees are not the right edge of a tree of size " + size);
        }
        range.size = size;
        return range;
    }

    /** The hashes of the perfect subtrees on the right edge, the highest first: one per set bit of the size. */
    public List<byte[]> edge() {
        List<byte[]> hashes = new ArrayList<>();
        for (int level = 63; level >= 0; level--) {
            if ((size >>> level & 1) == 1) {
                hashes.add(edge[level].hash());
            }
        }
        return hashes;
    }

    public void add(byte[] leafHash) {
        for (Merkle.Node node : Merkle.append(size, leafHash, this)) {
            edge[node.level()] = node;
        }
        size++;
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
